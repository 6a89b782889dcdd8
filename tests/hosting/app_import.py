"""Driving a running app server's Import attendance page over its own WebSocket, as a browser would.

No browser: the client speaks Streamlit's protocol (``BackMsg`` in, ``ForwardMsg`` out). It opens the
Import page, asks the server where to upload a file (``file_urls_request``), sends the bytes with an
HTTP PUT as the browser's uploader does, tells the page the uploader now holds that file (its widget
state), and presses the Import button (its trigger). The server runs the page's own code: planning
the file, the import lock, the one import transaction. Used to kill an app server mid-import.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import requests
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import ClientConnection, connect

from tests.e2e.streamlit_ws import _strings

PAGE = "import_data"
TIMEOUT = 180.0


@dataclass
class ImportPage:
    """One session on the Import attendance page of the app at ``url``."""

    url: str
    ws: ClientConnection
    session_id: str = ""
    widgets: dict[str, object] = field(default_factory=dict)  # what is found in the page's elements
    texts: list[str] = field(default_factory=list)

    @classmethod
    @contextmanager
    def opened(cls, url: str) -> Iterator[ImportPage]:
        """A new session on the page (its first run done), closed at the end of the block."""
        host = url.split("//", 1)[1].rstrip("/")
        with connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"],  # type: ignore[list-item]
                     open_timeout=TIMEOUT, max_size=None) as ws:
            page = cls(url, ws)
            page.run([])
            yield page

    def _receive(self, until: str | None = None) -> ForwardMsg:
        message = ForwardMsg()
        message.ParseFromString(self.ws.recv(timeout=TIMEOUT))
        if message.HasField("new_session"):
            self.session_id = message.new_session.initialize.session_id or self.session_id
            self.texts = []
        if message.HasField("delta") and message.delta.HasField("new_element"):
            element = message.delta.new_element
            kind = element.WhichOneof("type")
            if kind == "file_uploader":
                self.widgets["uploader"] = element.file_uploader
            elif kind == "button":
                self.widgets[f"button:{element.button.label}"] = element.button
            self.texts += _strings(message.delta)
        return message

    def run(self, states: list[WidgetState], *, until_text: str | None = None) -> None:
        """One script run of the page with these widget states: until it finishes, or (``until_text``)
        until the page draws that text, which is then returned at once (the run goes on)."""
        request = BackMsg()
        request.rerun_script.page_name = PAGE
        request.rerun_script.widget_states.widgets.extend(states)
        self.ws.send(request.SerializeToString())
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = self._receive()
            if until_text is not None and any(until_text in t for t in self.texts):
                return
            if message.HasField("script_finished") and \
                    message.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                return
        raise TimeoutError("the page did not finish its run")

    def upload(self, name: str, data: bytes) -> WidgetState:
        """Upload ``name`` as the browser's uploader does; the uploader's widget state holding it."""
        request = BackMsg()
        request.file_urls_request.request_id = "upload-1"
        request.file_urls_request.file_names.append(name)
        request.file_urls_request.session_id = self.session_id
        self.ws.send(request.SerializeToString())
        while True:
            message = self._receive()
            if message.HasField("file_urls_response"):
                urls = message.file_urls_response.file_urls[0]
                break
        base = self.url.rstrip("/")
        target = urls.upload_url if urls.upload_url.startswith("http") else base + urls.upload_url
        with requests.Session() as http:  # the app's XSRF cookie, echoed in a header as the browser does
            http.get(base + "/_stcore/health", timeout=TIMEOUT).raise_for_status()  # sets the cookie
            token = http.cookies.get("_streamlit_xsrf") or ""
            reply = http.put(target, files={"file": (name, data, "text/csv")}, headers={"X-Xsrftoken": token},
                             timeout=TIMEOUT)
        reply.raise_for_status()
        uploader = self.widgets["uploader"]
        state = WidgetState(id=uploader.id)  # type: ignore[attr-defined]
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = urls.file_id, name, len(data)
        info.file_urls.CopyFrom(urls)
        return state

    def button(self, starts: str) -> WidgetState:
        """The trigger of the button whose label starts with ``starts`` (a press)."""
        found = [w for k, w in self.widgets.items() if k.startswith(f"button:{starts}")]
        assert found, f"no button {starts!r} on the page: {self.texts[-20:]}"
        return WidgetState(id=found[-1].id, trigger_value=True)  # type: ignore[attr-defined]
