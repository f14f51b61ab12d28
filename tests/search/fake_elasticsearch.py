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
