"""A test-harness shim (never part of the product) that lets kestrel's CloudWatch client
talk to moto.

aws-sdk-cloudwatch speaks Smithy RPC v2 CBOR (`POST /service/GraniteServiceVersion20100801/
operation/<Op>`, CBOR bodies); moto 5.2 serves CloudWatch over the JSON and Query
protocols only, and answers CBOR requests with 404. The shim decodes each CBOR request
with botocore's own CBOR parser and the operation's input shape, makes the same call on
moto with boto3 (region and access key taken from the request's signature scope, so the
account is the caller's), and encodes moto's answer, or its error, back into CBOR with
botocore's serializer and the output shape. Nothing is interpreted: shapes and values
pass through as they are.
"""

import http.server
import re
import threading

import boto3
import botocore.session
from botocore.exceptions import ClientError
from botocore.parsers import RpcV2CBORParser
from botocore.serialize import RpcV2CBORSerializer

PATH = re.compile(r"^/service/GraniteServiceVersion20100801/operation/(\w+)$")
SCOPE = re.compile(r"Credential=([^/]+)/\d+/([^/]+)/")


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        shim = self.server.shim
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        m = PATH.match(self.path.split("?")[0])
        if not m:
            return self._send(404, {"__type": "UnknownOperationException", "message": self.path})
        op = shim.model.operation_model(m.group(1))
        params = {}
        if body and op.input_shape is not None:
            params = RpcV2CBORParser().parse({"body": body, "headers": {}, "status_code": 200}, op.input_shape)
            params.pop("ResponseMetadata", None)
        scope = SCOPE.search(self.headers.get("Authorization", ""))
        key, region = scope.groups() if scope else ("testing", "us-east-1")
        shim.calls.append((op.name, region))
        client = boto3.client("cloudwatch", endpoint_url=shim.moto_url, region_name=region,
                              aws_access_key_id=key, aws_secret_access_key="shim",
                              aws_session_token=self.headers.get("X-Amz-Security-Token"))
        try:
            out = getattr(client, _snake(op.name))(**params)
        except ClientError as e:
            err = e.response.get("Error", {})
            status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 400)
            return self._send(status, {"__type": err.get("Code", "InternalFailure"), "message": err.get("Message", "")})
        out.pop("ResponseMetadata", None)
        encoded = bytearray()
        if op.output_shape is not None:
            RpcV2CBORSerializer()._serialize_data_item(encoded, out, op.output_shape)
        self._send(200, bytes(encoded), raw=True)

    def _send(self, status, payload, raw=False):
        if not raw:
            # Errors: a CBOR map with `__type` and `message`, as the protocol defines.
            encoded = bytearray()
            ser = RpcV2CBORSerializer()
            ser._serialize_type_map(encoded, payload, _StringMap, None)
            payload = bytes(encoded)
        self.send_response(status)
        self.send_header("smithy-protocol", "rpc-v2-cbor")
        self.send_header("Content-Type", "application/cbor")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


class _StringShape:
    type_name = "string"


class _StringMap:
    """A map<string, string> shape, for error bodies."""
    type_name = "map"
    key = _StringShape
    value = _StringShape


class CloudWatchCbor:
    """`url` serves CloudWatch in CBOR, backed by moto at `moto_url`; `calls` lists
    (operation, region) in arrival order."""

    def __init__(self, moto_url):
        self.moto_url = moto_url
        self.model = botocore.session.get_session().get_service_model("cloudwatch")
        self.calls = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.shim = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
