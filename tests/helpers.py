"""Helpers shared by the tests that run the real web app."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from reviewqa.ui.server import UVICORN_OPTIONS


class Served:
    """A running uvicorn server on a free loopback port, with the options `reviewqa serve` uses."""

    def __init__(self, app):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on",
                                                    **UVICORN_OPTIONS))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


REPORT_LINES = {  # what each page of a generated PDF report says, line by line
    1: ["1. Introduction",
        "1.1 The safeguarding partnership commissioned this review after Child Q was admitted",
        "to hospital with injuries that could not be explained by her parents or her carers.",
        "",
        "1.2 The review looked at how agencies worked together during the pregnancy and in the",
        "months after the birth, and at how information about the father was shared between",
        "the police, the probation service, the health visitor and the social work team, and"],
    2: ["at what the professionals understood about the risk that he posed to the baby.",
        "",
        "1.3 The health visitor recorded concerns on four occasions but did not escalate them",
        "to a manager, because the escalation policy was not known to the health visiting team",
        "and supervision had been cancelled twice during the period under review.",
        "",
        "2. Findings",
        "2.1 Information held by the police about previous violence was not shared with the",
        "conference, and the plan that was agreed did not address contact with the father."],
    3: ["2.2 Learning for the partnership is set out below, with the actions agreed by each",
        "agency and the dates by which the partnership will check that they have been done."],
}


def make_report_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in REPORT_LINES.items():
        pdf.drawString(72, 810, "Child Q - Serious Case Review")
        y = 770
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 16
        pdf.drawString(290, 30, str(number))
        pdf.showPage()
    pdf.save()
    return path
