"""Two web nodes behind a real load balancer, one of them lost under load.

Real services of the test's own (tests/ops/realservices.py): PostgreSQL, Redis (broker and
the shared dashboard cache), the S3-compatible server (report PDFs), a Celery worker, two
gunicorn nodes and Debian's haproxy in front of them (round robin, health-checked, no sticky
sessions). 30 readers and 5 editors use the portal through haproxy for RUN_SECONDS; after
KILL_AT seconds node 1 is killed hard (SIGKILL to gunicorn and its workers, as a host that
dies). The test shows:

- no request fails except those in flight on the killed node at that moment (counted);
- no write is lost or doubled (every acknowledged one is in the database once; one whose
  answer was lost with the node is there at most once);
- sessions survive: nobody is sent to the login page;
- a report requested on node 1 is downloaded from node 2, identical;
- a dashboard change made on node 1 is shown by node 2 on the next request.

Loopback only; every loop is bounded by the clock and by a number of rounds.
"""

import hashlib
import os
import re
import signal
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass, field

import pytest

from programmes.demo import DEMO_PASSWORD

from . import realservices as rs

pytestmark = pytest.mark.services

READERS, EDITORS = 30, 5
RUN_SECONDS, KILL_AT = 60, 25
MAX_ROUNDS = 2000  # per client: the loops end by the clock, this is the backstop
READER_PAUSE, EDITOR_PAUSE = 0.3, 0.5
# Readers: users without a second factor, each session shared by several readers.
READER_USERS = ("veiligthuis-zawa", "politie-zawa", "wethouder-zaanstad", "raadslid-zaanstad")
EDITOR_USER = "projectleider-zawa"
TITLE = re.compile(r"^lastproef-(\d+)-(\d+)$")


@dataclass
class Outcome:
    client: str
    method: str
    path: str
    started: float
    ended: float
    status: int
    node: str
    title: str = ""
    to_login: bool = False

    @property
    def ok(self):
        return self.status in (200, 302) and not self.to_login


@dataclass
class Run:
    outcomes: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome):
        with self.lock:
            self.outcomes.append(outcome)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-nodes")
    cluster, redis = rs.PostgresCluster(), rs.RedisServer()
    s3 = rs.S3Server(root)
    balancer = None
    try:
        cluster.start()
        cluster.create_database("ghnt")
        redis.start()
        s3.start()
        env = rs.portal_env(
            cluster.url("ghnt"), redis.url(0), root, CACHE_URL=redis.url(1), **s3.env()
        )
        rs.run_manage(["migrate", "--noinput"], env, root / "setup.log")
        rs.run_manage(["load_demo"], env, root / "setup.log")
        rs.confirm_demo_devices(env, root / "setup.log")
        ports = {"node1": rs.free_port(), "node2": rs.free_port()}
        nodes = {
            name: rs.gunicorn(port, env, root, workers=2, threads=4, name=name).start()
            for name, port in ports.items()
        }
        worker = rs.worker(env, root).start()
        balancer = rs.HAProxy(root, ports).start()
        for name, port in ports.items():
            node = rs.Browser(f"http://127.0.0.1:{port}")
            rs.wait_for(lambda n=node: n.get("/health/live")[0] == 200, 60, name, nodes[name].log)
        front = rs.Browser(balancer.url)
        rs.wait_for(lambda: front.get("/health/live")[0] == 200, 30, "haproxy", balancer.log)
        yield Portal(cluster, nodes, ports, worker, balancer)
    finally:
        rs.stop_all()
        if balancer:
            balancer.stop()
        s3.stop()
        redis.stop()
        cluster.destroy()


def _until_refused(port, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            return
        time.sleep(0.005)
    raise AssertionError(f"port {port} still takes connections {timeout:.0f} s after the kill")


class Portal:
    def __init__(self, cluster, nodes, ports, worker, balancer):
        self.cluster, self.nodes, self.ports = cluster, nodes, ports
        self.worker, self.balancer = worker, balancer

    def query(self, sql, params=()):
        import psycopg2

        connection = psycopg2.connect(self.cluster.url("ghnt"), connect_timeout=3)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()

    def programme(self):
        [(pk,)] = self.query(
            "SELECT p.id FROM programmes_programme p JOIN programmes_region r "
            "ON r.id = p.region_id WHERE r.slug = 'zaanstreek-waterland'"
        )
        return pk

    def via(self, target, session: rs.Browser):
        """A client on `target` ("node1", "node2" or the balancer) with `session`'s cookies."""
        base = (
            self.balancer.url if target == "balancer" else f"http://127.0.0.1:{self.ports[target]}"
        )
        client = rs.Browser(base)
        for cookie in session.jar:
            client.jar.set_cookie(cookie)
        return client


def _logged_in(portal, username):
    browser = rs.Browser(portal.balancer.url)
    browser.login(username, DEMO_PASSWORD)
    return browser


def test_a_report_requested_on_one_node_downloads_from_the_other(portal):
    editor = _logged_in(portal, EDITOR_USER)
    node1, node2 = portal.via("node1", editor), portal.via("node2", editor)
    programme = portal.programme()
    form = f"/monitoring/programmas/{programme}/rapportages/"
    token = node1.csrf_token(form)
    status, _, body = node1.request(
        form + "maken/", {"period": "2021-H1", "csrfmiddlewaretoken": token}
    )
    assert status == 302, body[:2000]

    def made():
        return portal.query(
            "SELECT id, pdf_sha256 FROM monitoring_progressreport "
            "WHERE period = '2021-H1' AND generation_state = 'gereed'"
        )

    rs.wait_for(made, 120, "the report being made", portal.worker.log)
    [(report, digest)] = made()
    download = f"{node2.base_url}/monitoring/rapportages/{report}/download/"
    with node2.opener.open(urllib.request.Request(download), timeout=30) as response:
        assert response.status == 200
        pdf = response.read()
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == digest
    print(f"report {report}: requested on node1, {len(pdf)} bytes downloaded from node2, identical")


def test_a_dashboard_change_on_one_node_shows_on_the_other_at_the_next_request(portal):
    editor = _logged_in(portal, EDITOR_USER)
    node1, node2 = portal.via("node1", editor), portal.via("node2", editor)
    programme = portal.programme()
    dashboard = f"/monitoring/dashboard/{programme}/"
    status, _, before = node2.get(dashboard)  # computed and cached by node2
    assert status == 200
    progress = next(p for p in range(99, 1, -1) if f">{p}%<" not in before)
    [(action, version)] = portal.query(
        "SELECT id, version FROM actions_action WHERE programme_id = %s ORDER BY code LIMIT 1",
        [programme],
    )
    token = node1.csrf_token(f"/acties/{action}/")
    status, _, body = node1.request(
        f"/acties/{action}/snel-bijwerken/",
        {
            "status": "in_uitvoering",
            "progress": progress,
            "version": version,
            "csrfmiddlewaretoken": token,
        },
    )
    assert status == 302, body[:2000]
    status, _, after = node2.get(dashboard)
    assert status == 200
    assert f">{progress}%<" in after, "node2 showed the dashboard from before the change"
    print(f"dashboard: progress {progress}% set on node1, shown by node2 at the next request")


def _client(portal, run, name, session, deadline, work, pause):
    client = portal.via("balancer", session)
    for round_ in range(MAX_ROUNDS):
        if time.monotonic() >= deadline:
            return
        for method, path, data, title in work(client, round_):
            started = time.monotonic()
            status, headers, _ = client.request(path, data, timeout=60)
            ended = time.monotonic()
            location = headers.get("Location", "")
            run.add(
                Outcome(
                    name,
                    method,
                    path,
                    started,
                    ended,
                    status,
                    headers.get("X-Node", "?"),
                    title,
                    to_login="/inloggen" in location,
                )
            )
            if status not in (200, 302):
                break  # the form page failed: no POST with a token of nothing
        time.sleep(pause)


def test_losing_one_of_two_nodes_under_load_loses_nothing(portal):
    programme = portal.programme()
    readers = [_logged_in(portal, user) for user in READER_USERS]
    editor = _logged_in(portal, EDITOR_USER)
    pages = {}
    for reader in readers:
        candidates = (
            "/",
            "/acties/",
            f"/monitoring/dashboard/{programme}/",
            f"/programmas/{programme}/",
        )
        pages[id(reader)] = [
            p for p in candidates if portal.via("balancer", reader).get(p)[0] == 200
        ]
        assert pages[id(reader)], "a reader sees no page"
    form = f"/acties/programma/{programme}/risicos/nieuw/"
    assert portal.via("balancer", editor).get(form)[0] == 200

    run = Run()
    started = time.monotonic()
    deadline = started + RUN_SECONDS
    threads = []
    for i in range(READERS):
        session = readers[i % len(readers)]
        own = pages[id(session)]

        def read(client, round_, own=own, i=i):
            yield "GET", own[(i + round_) % len(own)], None, ""

        threads.append(
            threading.Thread(
                target=_client,
                args=(portal, run, f"reader-{i}", session, deadline, read, READER_PAUSE),
            )
        )
    for i in range(EDITORS):

        def edit(client, round_, i=i):
            title = f"lastproef-{i}-{round_}"
            status, _, html = client.get(form)
            match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            if status != 200 or not match:
                yield "GET", form, None, ""
                return
            data = {
                "title": title,
                "likelihood": "niet_beoordeeld",
                "impact": "niet_beoordeeld",
                "status": "open",
                "csrfmiddlewaretoken": match.group(1),
            }
            yield "POST", form, data, title

        threads.append(
            threading.Thread(
                target=_client,
                args=(portal, run, f"editor-{i}", editor, deadline, edit, EDITOR_PAUSE),
            )
        )
    for thread in threads:
        thread.start()
    time.sleep(KILL_AT)
    killed_at = time.monotonic()
    # The whole node at once (gunicorn and its workers), as when its host dies.
    os.killpg(portal.nodes["node1"].popen.pid, signal.SIGKILL)
    portal.nodes["node1"].stop()  # reaped
    # Dying takes a moment: the kernel closes the listening socket when the last process that
    # holds it is gone, which can be after the master is reaped (its workers still exiting). A
    # request handed to node 1 until its port refuses was in flight on the killed node too.
    _until_refused(portal.ports["node1"])
    dead_at = time.monotonic()
    for thread in threads:
        thread.join(timeout=RUN_SECONDS + 120)
    assert not any(t.is_alive() for t in threads)

    outcomes = run.outcomes
    failed = [o for o in outcomes if not o.ok]
    in_flight = [o for o in failed if o.started <= dead_at and killed_at <= o.ended + 0.5]
    to_login = [o for o in outcomes if o.to_login]
    after = [o for o in outcomes if o.started > dead_at]
    served = {node: sum(o.node == node for o in outcomes) for node in ("node1", "node2")}
    assert not to_login, to_login[:5]  # sessions survived
    assert failed == in_flight, [o for o in failed if o not in in_flight][:10]
    # haproxy lets at most `maxconn` requests be on a node at once: no more can be lost.
    assert len(failed) <= portal.balancer.maxconn
    assert all(o.node == "node2" for o in after if o.ok)
    assert all(o.ok for o in after)
    assert served["node1"] and served["node2"]

    # Writes: every acknowledged risk is stored once; a POST whose answer was lost with the
    # node is stored at most once; nothing else is stored.
    stored = [
        title
        for (title,) in portal.query(
            "SELECT title FROM actions_risk WHERE title LIKE 'lastproef-%%'"
        )
    ]
    posts = [o for o in outcomes if o.method == "POST"]
    acknowledged = {o.title for o in posts if o.ok}
    lost_answers = {o.title for o in posts if not o.ok}
    assert len(stored) == len(set(stored)), "a write was doubled"
    assert acknowledged <= set(stored), f"lost writes: {sorted(acknowledged - set(stored))}"
    assert set(stored) <= acknowledged | lost_answers
    committed_anyway = len(lost_answers & set(stored))

    # Sessions still valid on the node that is left.
    for session in readers + [editor]:
        status, headers, _ = portal.via("balancer", session).get("/")
        assert status == 200, (status, headers.get("Location"))

    took = time.monotonic() - started
    reads = [o for o in outcomes if o.method == "GET"]
    figures = (
        f"two nodes, node1 SIGKILLed after {KILL_AT}s of {RUN_SECONDS}s ({took:.0f}s in all): "
        f"{len(outcomes)} requests ({len(reads)} reads, {len(posts)} writes) by {READERS} "
        f"readers and {EDITORS} editors; served by node1 {served['node1']}, node2 "
        f"{served['node2']}; failed {len(failed)}, all in flight on node1 at the kill "
        f"({sum(o.method == 'POST' for o in failed)} writes, "
        f"{sum(o.method == 'GET' for o in failed)} reads); after the kill "
        f"{len(after)} requests, 0 failed; writes acknowledged {len(acknowledged)}, all stored "
        f"once; {len(lost_answers)} writes lost their answer with the node, {committed_anyway} "
        f"of them stored (once); 0 sessions lost"
    )
    print(figures)
