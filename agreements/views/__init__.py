"""Views of the agreements register: staff area and the cooperative side.

Alliance staff (the Agreements staff group, superusers) see and do
everything. A cooperative's staff see only their cooperative's agreements
and report deliveries on them; any other agreement answers 404. Anyone else
signed in gets 404 for every page; anonymous visitors go to the login page.

One module per part of the register (``urls.py`` names each view by its
module; this package re-exports nothing): ``dashboard``, ``lists``,
``agreement``, ``deliveries``, ``difficulties``, ``follow_ups``,
``imports``, ``conferences`` (and businesses) and ``files`` (private
files). ``requests`` holds who is let in and how a request is read;
``rows`` what the pages attach to each row.
"""
