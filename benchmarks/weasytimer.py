"""The time a benchmark counts as WeasyPrint's: `ghnt_portal.pdf.html_to_pdf`, which parses
the HTML, lays it out, writes the PDF and collects the garbage it leaves (the cyclic
collector is paused during the layout; see ghnt_portal/pdf.py). The rest of a report's time
is the portal's: the snapshot, the dashboard data, the template and storing."""

import time


class WeasyTimer:
    """Adds up the time spent in `html_to_pdf` while active."""

    def __init__(self):
        from ghnt_portal import pdf

        self.module = pdf
        self.original = pdf.html_to_pdf
        self.seconds = 0.0
        self.cpu_seconds = 0.0  # CPU time of this process inside html_to_pdf

    def __enter__(self):
        original = self.original

        def timed(*args, **kwargs):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.cpu_seconds += time.process_time() - cpu

        self.module.html_to_pdf = timed
        return self

    def __exit__(self, *exc):
        self.module.html_to_pdf = self.original
