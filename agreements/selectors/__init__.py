"""Reads of the agreements register, one module per question; import the
function from its module (this package re-exports nothing):

- ``fulfilment``: the shared expressions (``DayNumber``, ``RoundHalfUp``,
  the verified reports that count) and the fulfilment and status
  annotations of lines and agreements;
- ``access``: who sees what (staff, a cooperative's staff);
- ``lists``: the filtered, sorted, paginated list of agreements;
- ``agreement``: one agreement, its lines and timeline, as a user may see it;
- ``aggregates``: figures per conference, cooperative, business, product,
  month and status, and the dashboard;
- ``follow_ups``: difficulties, follow-ups, reports awaiting verification;
- ``files``: who may download a signed document or a delivery's evidence;
- ``parties``: the filters' look-up of businesses and cooperatives;
- ``people``: how the register names people (full name, never a username
  a cooperative could read);
- ``conferences``: the conference list, a free slug, and the news site's
  page about each conference (which the news site registers).

An agreement's change history is ``agreements.history``.

The derived statuses are declared in ``agreements.status``; the set-based
SQL of large registers is ``agreements.figures``.
"""
