"""A fake Elasticsearch node: the real client stack, answered from recordings."""

import json

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse


def _decode(body, *, bulk: bool):
    """Return a JSON body as data, a bulk (NDJSON) body as a list of lines."""
    if not body:
        return None
    text = body.decode() if isinstance(body, bytes) else body
    if bulk:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


class RecordingNode(BaseNode):
    """Record every request; answer with the next queued (status, body)."""

    requests: list[dict] = []
    responses: list[tuple[int, dict]] = []

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        RecordingNode.requests.append(
            {
                "method": method,
                "target": target,
                "body": _decode(body, bulk="/_bulk" in target),
            }
        )
        status, payload = RecordingNode.responses.pop(0)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "content-type": "application/json",
                    # The 8.x client refuses servers that do not say this.
                    "x-elastic-product": "Elasticsearch",
                }
            ),
            duration=0.001,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(payload).encode())

    def close(self):
        pass


class EvaluatingNode(BaseNode):
    """A node that keeps the documents it is sent and answers searches itself.

    Filters (term, terms, range, bool), post_filter, filter/terms/range
    aggregations, sorts and paging follow Elasticsearch's documented
    semantics, so a search's facet counts and hits can be compared with the
    other backends. Text is a stand-in for the analyzers: a query word matches
    a field's word when both fold alike (``vi_text``), or are spelt alike in
    an ``.exact`` subfield (``vi_exact``); no fuzziness. Scores only count
    matched words, times boosts.
    """

    documents: dict[str, dict[str, dict]] = {}

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        path = target.split("?")[0]
        data = _decode(body, bulk=path.endswith("/_bulk"))
        if path.endswith("/_bulk"):
            payload = self._bulk(data)
        elif path.endswith("/_search"):
            payload = self._search(path.strip("/").split("/")[0], data or {})
        else:
            payload = {"acknowledged": True}
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            headers=HttpHeaders(
                {
                    "content-type": "application/json",
                    "x-elastic-product": "Elasticsearch",
                }
            ),
            duration=0.001,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(payload, default=str).encode())

    def close(self):
        pass

    # Writing -------------------------------------------------------------

    def _bulk(self, lines):
        items = []
        while lines:
            action = lines.pop(0)
            op, meta = next(iter(action.items()))
            index = EvaluatingNode.documents.setdefault(meta["_index"], {})
            if op == "delete":
                index.pop(str(meta["_id"]), None)
            else:
                index[str(meta["_id"])] = lines.pop(0)
            items.append({op: {"status": 200}})
        return {"took": 1, "errors": False, "items": items}

    # Searching -----------------------------------------------------------

    def _search(self, index, body):
        scored = []
        for doc_id, source in EvaluatingNode.documents.get(index, {}).items():
            score = _score(body.get("query", {"match_all": {}}), source)
            if score is not None:
                scored.append((doc_id, source, score))
        aggregations = {
            name: _aggregate(spec, [s for _, s, _ in scored])
            for name, spec in body.get("aggs", {}).items()
        }
        post = body.get("post_filter")
        hits = [h for h in scored if post is None or _score(post, h[1]) is not None]
        for key in reversed(body.get("sort", ["_score"])):
            hits.sort(key=lambda h: int(h[0]))
            hits.sort(key=_sort_key(key), reverse=_descending(key))
        start = body.get("from", 0)
        page = hits[start : start + body.get("size", 10)]
        fields = body.get("_source")
        return {
            "took": 1,
            "timed_out": False,
            "hits": {
                "total": {"value": len(hits), "relation": "eq"},
                "hits": [
                    {
                        "_index": index,
                        "_id": doc_id,
                        "_score": score,
                        "_source": {
                            k: v for k, v in source.items() if not fields or k in fields
                        },
                    }
                    for doc_id, source, score in page
                ],
            },
            "aggregations": aggregations,
        }


def _values(source, field):
    value = source.get(field.split(".")[0])
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _words(source, field):
    from marketplace.core.text import fold_vi
    from marketplace.search.spelling import exact_words

    text = " ".join(str(v) for v in _values(source, field))
    if field.endswith(".exact"):
        return exact_words(text)
    return [fold_vi(w) for w in exact_words(text)]


def _query_words(text, field):
    from marketplace.core.text import fold_vi
    from marketplace.search.spelling import exact_words

    words = exact_words(text)
    return words if field.endswith(".exact") else [fold_vi(w) for w in words]


def _score(query, source):
    """Return the query's score for ``source``, or None when it does not match."""
    kind, spec = next(iter(query.items()))
    if kind == "match_all":
        return 1.0
    if kind == "bool":
        if any(_score(c, source) is None for c in spec.get("filter", [])):
            return None
        must = [_score(c, source) for c in spec.get("must", [])]
        if None in must:
            return None
        score = sum(must)
        should = [_score(c, source) for c in spec.get("should", [])]
        hits = [s for s in should if s is not None]
        required = spec.get(
            "minimum_should_match",
            0 if spec.get("must") or spec.get("filter") else 1,
        )
        if len(hits) < required:
            return None
        return score + sum(hits)
    if kind == "terms":
        field, wanted = next(iter(spec.items()))
        return 0.0 if set(_values(source, field)) & set(wanted) else None
    if kind == "range":
        field, bounds = next(iter(spec.items()))
        return 0.0 if _in_range(_values(source, field), bounds) else None
    if kind == "constant_score":
        got = _score(spec["filter"], source)
        return None if got is None else spec.get("boost", 1.0)
    if kind == "multi_match":
        return _multi_match(spec, source)
    if kind == "match_phrase":
        field, phrase = next(iter(spec.items()))
        wanted = " ".join(_query_words(phrase["query"], field))
        found = " " + " ".join(_words(source, field)) + " "
        return phrase.get("boost", 1.0) if f" {wanted} " in found else None
    raise NotImplementedError(kind)


def _in_range(values, bounds) -> bool:
    """Return whether the (single) value is >= gte and < lt, where given."""
    if not values:
        return False
    low, high = bounds.get("gte"), bounds.get("lt")
    return (low is None or values[0] >= low) and (high is None or values[0] < high)


def _multi_match(spec, source):
    fields = [f.split("^") for f in spec["fields"]]
    boosts = {f[0]: float(f[1]) if len(f) > 1 else 1.0 for f in fields}
    per_field = {
        field: set(_query_words(spec["query"], field)) & set(_words(source, field))
        for field in boosts
    }
    wanted = set(_query_words(spec["query"], next(iter(boosts))))
    if spec.get("type") == "cross_fields":
        # Every word in some field.
        if not wanted <= set().union(*per_field.values()):
            return None
    elif not any(found == wanted for found in per_field.values()):
        # most_fields with operator "and": every word in one field.
        return None
    return sum(len(found) * boosts[field] for field, found in per_field.items())


def _aggregate(spec, sources):
    if "filter" in spec:
        kept = [s for s in sources if _score(spec["filter"], s) is not None]
        return {"doc_count": len(kept)} | {
            name: _aggregate(inner, kept)
            for name, inner in spec.get("aggs", {}).items()
        }
    if "terms" in spec:
        counts: dict = {}
        for source in sources:
            for value in set(_values(source, spec["terms"]["field"])):
                counts[value] = counts.get(value, 0) + 1
        buckets = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "buckets": [
                {"key": k, "doc_count": n}
                for k, n in buckets[: spec["terms"].get("size", 10)]
            ]
        }
    if "range" in spec:
        field = spec["range"]["field"]
        buckets = {}
        for band in spec["range"]["ranges"]:
            bounds = {"gte": band.get("from"), "lt": band.get("to")}
            buckets[band["key"]] = {
                "doc_count": sum(
                    1 for s in sources if _in_range(_values(s, field), bounds)
                )
            }
        return {"buckets": buckets}
    raise NotImplementedError(spec)


def _sort_key(key):
    if key == "_score":
        return lambda hit: hit[2]
    field, spec = next(iter(key.items()))
    descending = spec.get("order") == "desc"

    def value(hit):
        values = _values(hit[1], field)
        # Missing values sort last in either order.
        if not values:
            return (1, 0) if not descending else (0, 0)
        return (0, values[0]) if not descending else (1, values[0])

    return value


def _descending(key):
    if key == "_score":
        return True
    return next(iter(key.values())).get("order") == "desc"
