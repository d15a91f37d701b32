"""A small Chrome DevTools Protocol client over one websocket, for the web
page's browser tests: Debian's chromium in headless mode, driven with
python3-websocket only (no browser download, no npm)."""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket

# Without these, chromium tries the network (component updates, sync,
# QUIC probes) and can hang in a sandbox with no route out.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
]


class Browser:
    def __init__(self, chromium="chromium", timeout=30):
        self.profile = tempfile.mkdtemp(prefix="arsenal-chromium-")
        self.proc = subprocess.Popen(
            [chromium, *CHROMIUM_FLAGS, "--remote-debugging-port=0",
             "--user-data-dir=" + self.profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + timeout
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            if self.proc.poll() is not None or time.time() > deadline:
                self.close()
                raise RuntimeError("chromium did not start")
            time.sleep(0.05)
        self.port = int(open(port_file).read().split("\n")[0])
        base = "http://127.0.0.1:%d" % self.port
        version = json.load(urllib.request.urlopen(base + "/json/version", timeout=10))
        self.browser_ws = websocket.create_connection(version["webSocketDebuggerUrl"], timeout=timeout)
        pages = [t for t in json.load(urllib.request.urlopen(base + "/json/list", timeout=10))
                 if t["type"] == "page"]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=timeout)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable")

    def _call(self, ws, method, params=None):
        self.next_id += 1
        mid = self.next_id
        ws.send(json.dumps({"id": mid, "method": method, "params": params or {}}))
        while True:
            msg = json.loads(ws.recv())
            if msg.get("id") == mid:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def call(self, method, params=None):
        return self._call(self.ws, method, params)

    def browser_call(self, method, params=None):
        return self._call(self.browser_ws, method, params)

    def goto(self, url):
        self.call("Page.navigate", {"url": url})

    def js(self, expr):
        """Evaluates expr in the page (awaiting a promise) and returns its value."""
        r = self.call("Runtime.evaluate", {"expression": expr, "awaitPromise": True,
                                           "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("page script failed: %s\n%s" % (
                expr, r["exceptionDetails"].get("exception", {}).get("description", r)))
        return r.get("result", {}).get("value")

    def wait(self, expr, timeout=30, what=None):
        deadline = time.time() + timeout
        while True:
            v = self.js(expr)
            if v:
                return v
            if time.time() > deadline:
                raise TimeoutError("waited %gs for %s" % (timeout, what or expr))
            time.sleep(0.1)

    def viewport(self, width, height, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def screenshot(self, path, full_page=False):
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.call("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                              "scale": 1}
        data = self.call("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def set_file(self, selector, path):
        doc = self.call("DOM.getDocument")
        node = self.call("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": selector})
        self.call("DOM.setFileInputFiles", {"files": [path], "nodeId": node["nodeId"]})

    def allow_downloads(self, folder):
        self.browser_call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder,
                                                          "eventsEnabled": True})

    def wait_download(self, name, timeout=60):
        """Waits until chromium reports the download of the file NAME
        completed (the file may be there before it is whole); True if it
        did, False if it was cancelled or did not end within timeout
        seconds."""
        deadline = time.time() + timeout
        guids = set()
        seen = 0
        while True:
            for e in self.events[seen:]:
                p = e.get("params", {})
                if e["method"] == "Browser.downloadWillBegin" and p.get("suggestedFilename") == name:
                    guids.add(p["guid"])
                elif e["method"] == "Browser.downloadProgress" and p.get("guid") in guids:
                    if p["state"] == "completed":
                        return True
                    if p["state"] == "canceled":
                        return False
            seen = len(self.events)
            left = deadline - time.time()
            if left <= 0:
                return False
            self.browser_ws.settimeout(left)
            try:
                msg = json.loads(self.browser_ws.recv())
            except (websocket.WebSocketTimeoutException, TimeoutError):
                return False
            finally:
                self.browser_ws.settimeout(30)
            if "method" in msg:
                self.events.append(msg)

    def drain(self):
        """Reads the events that arrived since the last call."""
        self.ws.settimeout(0.05)
        try:
            while True:
                msg = json.loads(self.ws.recv())
                if "method" in msg:
                    self.events.append(msg)
        except (websocket.WebSocketTimeoutException, TimeoutError):
            pass
        finally:
            self.ws.settimeout(30)

    def problems(self):
        """Console errors, uncaught exceptions and CSP refusals seen so far."""
        self.drain()
        out = []
        for e in self.events:
            if e["method"] == "Runtime.exceptionThrown":
                out.append(e["params"]["exceptionDetails"].get("text", "exception"))
            elif (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"
                  and e["params"]["entry"].get("source") != "network"):
                # network: a 4xx the test asked for (an invalid model)
                out.append(e["params"]["entry"].get("text", ""))
            elif e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] == "error":
                out.append(str(e["params"]["args"]))
        return out

    def request_urls(self):
        self.drain()
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def close(self):
        for ws in (getattr(self, "ws", None), getattr(self, "browser_ws", None)):
            try:
                if ws:
                    ws.close()
            except Exception:
                pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # Chromium's helper processes may still write into the profile for
        # a moment after the browser has exited.
        for _ in range(10):
            shutil.rmtree(self.profile, ignore_errors=True)
            if not os.path.exists(self.profile):
                break
            time.sleep(0.2)
