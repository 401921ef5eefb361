"""The Helm chart (deploy/helm/ghnt-portal): `helm lint`, `helm template` with several sets of
values, every rendered manifest validated against the Kubernetes JSON schemas of a current
version (kubernetes-validate, strict: no unknown fields), and the rules an operator relies on
checked on the rendered output.

helm itself comes from the project's own files (`make helm`: deploy/helm/tools); without it
these tests fail under REQUIRE_REAL_SERVICES (CI) and are skipped otherwise.
PrometheusRule and ServiceMonitor are the Prometheus Operator's custom resources, for which
no schema ships with Kubernetes: they are checked by the tests below instead.
"""

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.celery_worker import need

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "deploy" / "helm" / "ghnt-portal"
CI_VALUES = CHART / "ci" / "test-values.yaml"
KUBERNETES = "1.37.0"  # the newest version kubernetes-validate ships schemas for
CUSTOM_KINDS = {"PrometheusRule", "ServiceMonitor"}
CONTROLLERS = {"Deployment", "Job"}

VARIANTS = {
    "ci": {},
    "local-storage-no-autoscaling": {
        "storage": {"backend": "local"},
        "web": {"autoscaling": {"enabled": False}, "replicas": 3},
        "ingress": {"tls": {"enabled": False}},
    },
    "existing-secret-no-metrics-no-policies": {
        "existingSecret": "ghnt-from-vault",
        "metrics": {"enabled": False},
        "networkPolicy": {"enabled": False},
        "migrations": {"enabled": False},
    },
    "managed-database-outside-the-cluster": {
        "networkPolicy": {
            "database": {"podSelector": None, "cidrs": ["10.20.0.0/24"]},
            "redis": {"podSelector": None, "cidrs": []},
        },
    },
}


def helm() -> str:
    found = Path(sys.executable).with_name("helm")
    path = str(found) if found.exists() else shutil.which("helm")
    need(path is not None, "helm is not installed: run `make helm`")
    return str(path)


def render(tmp_path, values: dict | None = None, *, ci_values=True) -> list[dict]:
    result = run_helm(tmp_path, "template", values, ci_values=ci_values)
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def run_helm(tmp_path, command, values=None, *, ci_values=True):
    args = [helm(), command]
    if command == "template":
        args += ["rel", "--kube-version", KUBERNETES, "--namespace", "ghnt"]
    args.append(str(CHART))
    if ci_values:
        args += ["-f", str(CI_VALUES)]
    if values:
        extra = tmp_path / "values.yaml"
        extra.write_text(yaml.safe_dump(values))
        args += ["-f", str(extra)]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def of_kind(docs, kind):
    return [d for d in docs if d["kind"] == kind]


def named(docs, kind, suffix):
    (doc,) = [d for d in of_kind(docs, kind) if d["metadata"]["name"].endswith(suffix)]
    return doc


def pod_specs(docs):
    return [(d, d["spec"]["template"]["spec"]) for d in docs if d["kind"] in CONTROLLERS]


def test_helm_lint_passes_strictly(tmp_path):
    result = run_helm(tmp_path, "lint", {})
    assert result.returncode == 0, result.stdout + result.stderr
    # --strict turns warnings into failures (e.g. a value used but not defined).
    strict = subprocess.run(
        [helm(), "lint", "--strict", str(CHART), "-f", str(CI_VALUES)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert strict.returncode == 0, strict.stdout + strict.stderr


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_rendered_manifest_is_valid_kubernetes(tmp_path, variant):
    docs = render(tmp_path, VARIANTS[variant])
    kinds = {d["kind"] for d in docs}
    assert {"Deployment", "Service", "ConfigMap"} <= kinds
    for doc in docs:
        if doc["kind"] in CUSTOM_KINDS:
            continue
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_the_validator_refuses_a_broken_manifest(tmp_path):
    """The check above can fail: a misspelt field or a wrong type is caught."""
    web = named(render(tmp_path), "Deployment", "-web")
    misspelt = copy.deepcopy(web)
    container = misspelt["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")
    wrong_type = copy.deepcopy(web)
    wrong_type["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] = "yes"
    for broken in (misspelt, wrong_type):
        with pytest.raises(kubernetes_validate.ValidationError):
            kubernetes_validate.validate(broken, KUBERNETES, strict=True)


def test_the_chart_deploys_no_database_redis_or_object_store(tmp_path):
    for variant in VARIANTS.values():
        docs = render(tmp_path, variant)
        assert not of_kind(docs, "StatefulSet")
        images = {c["image"] for _, spec in pod_specs(docs) for c in spec["containers"]}
        assert images == {"registry.example.nl/ghnt/ghnt-portal:0.1.0"}


def test_beat_is_exactly_one_pod_with_recreate_whatever_the_values_say(tmp_path):
    trying = {
        "beat": {"replicas": 3, "replicaCount": 3, "autoscaling": {"enabled": True}},
        "web": {"replicas": 4},
        "worker": {"replicas": 5},
    }
    docs = render(tmp_path, trying)
    beat = named(docs, "Deployment", "-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert named(docs, "Deployment", "-worker")["spec"]["replicas"] == 5
    for hpa in of_kind(docs, "HorizontalPodAutoscaler"):
        assert hpa["spec"]["scaleTargetRef"]["name"].endswith("-web")
    # The template says why, for the next person who wants to make it configurable.
    template = (CHART / "templates" / "beat.yaml").read_text()
    assert "two would send every" in template and "two beats send" in template


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_pod_is_non_root_read_only_and_without_privileges(tmp_path, variant):
    for doc, spec in pod_specs(render(tmp_path, VARIANTS[variant])):
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["runAsUser"] == 10001, doc["metadata"]
        assert pod["seccompProfile"] == {"type": "RuntimeDefault"}
        assert spec["automountServiceAccountToken"] is False
        for container in spec.get("initContainers", []) + spec["containers"]:
            sc = container["securityContext"]
            assert sc["readOnlyRootFilesystem"] is True
            assert sc["allowPrivilegeEscalation"] is False
            assert sc.get("privileged", False) is False
            assert sc["capabilities"]["drop"] == ["ALL"]
            assert not sc["capabilities"].get("add")
            # The writable paths: /tmp always, /data/media only with local storage.
            mounts = {m["mountPath"] for m in container["volumeMounts"]}
            local = VARIANTS[variant].get("storage", {}).get("backend") == "local"
            assert mounts == ({"/tmp", "/data/media"} if local else {"/tmp"})


def test_every_container_of_a_deployment_has_probes_web_on_its_health_endpoints(tmp_path):
    for variant in VARIANTS.values():
        docs = render(tmp_path, variant)
        for deployment in of_kind(docs, "Deployment"):
            for container in deployment["spec"]["template"]["spec"]["containers"]:
                assert "livenessProbe" in container and "readinessProbe" in container
                assert container["resources"]["requests"] and container["resources"]["limits"]
        web = named(docs, "Deployment", "-web")["spec"]["template"]["spec"]["containers"][0]
        assert web["readinessProbe"]["httpGet"]["path"] == "/health/web"
        assert web["livenessProbe"]["httpGet"]["path"] == "/health/live"


def test_web_has_a_disruption_budget_and_an_autoscaler_and_replicas_when_not_autoscaled(
    tmp_path,
):
    docs = render(tmp_path)
    web = named(docs, "Deployment", "-web")
    assert "replicas" not in web["spec"]  # the HPA owns the count
    hpa = named(docs, "HorizontalPodAutoscaler", "-web")
    assert hpa["spec"]["minReplicas"] >= 2
    pdb = named(docs, "PodDisruptionBudget", "-web")
    assert pdb["spec"]["selector"]["matchLabels"] == web["spec"]["selector"]["matchLabels"]
    fixed = render(tmp_path, VARIANTS["local-storage-no-autoscaling"])
    assert named(fixed, "Deployment", "-web")["spec"]["replicas"] == 3
    assert not of_kind(fixed, "HorizontalPodAutoscaler")


def test_network_policies_let_only_the_ingress_reach_web_and_only_the_app_reach_db_and_redis(
    tmp_path,
):
    docs = render(tmp_path)
    policies = {d["metadata"]["name"].removeprefix("rel-ghnt-portal-"): d["spec"] for d in docs
                if d["kind"] == "NetworkPolicy"}  # fmt: skip
    assert set(policies) == {"web", "background", "egress", "database", "redis"}
    web = policies["web"]
    assert web["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "web"
    sources = [s["namespaceSelector"]["matchLabels"] for s in web["ingress"][0]["from"]]
    assert sources == [
        {"kubernetes.io/metadata.name": "ingress-nginx"},
        {"kubernetes.io/metadata.name": "monitoring"},
    ]
    assert web["ingress"][0]["ports"] == [{"port": "http", "protocol": "TCP"}]
    app = {"app.kubernetes.io/instance": "rel", "app.kubernetes.io/name": "ghnt-portal"}
    for service, port in (("database", 5432), ("redis", 6379)):
        (rule,) = policies[service]["ingress"]
        assert rule["from"] == [{"podSelector": {"matchLabels": app}}]
        assert rule["ports"] == [{"port": port, "protocol": "TCP"}]
    assert policies["egress"]["podSelector"]["matchLabels"] == app
    assert policies["egress"]["policyTypes"] == ["Egress"]
    # A managed database outside the cluster: egress to its addresses, no in-cluster policy.
    managed = render(tmp_path, VARIANTS["managed-database-outside-the-cluster"])
    names = {d["metadata"]["name"] for d in of_kind(managed, "NetworkPolicy")}
    assert "rel-ghnt-portal-database" not in names
    egress = named(managed, "NetworkPolicy", "-egress")["spec"]["egress"]
    assert {"ipBlock": {"cidr": "10.20.0.0/24"}} in egress[1]["to"]


def test_migrations_run_in_a_pre_upgrade_hook_after_their_config_exists(tmp_path):
    docs = render(tmp_path)
    job = named(docs, "Job", "-migrate")
    hook = job["metadata"]["annotations"]
    assert hook["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    for kind in ("ConfigMap", "Secret", "ServiceAccount"):
        needed = of_kind(docs, kind)[0]["metadata"]["annotations"]
        assert needed["helm.sh/hook"] == hook["helm.sh/hook"]
        assert int(needed["helm.sh/hook-weight"]) < int(hook["helm.sh/hook-weight"])
    roles = {
        d["metadata"]["name"].rsplit("-", 1)[1]: d["spec"]["template"]["spec"]["containers"][0][
            "args"
        ]
        for d in of_kind(docs, "Deployment")
    }
    assert roles == {"web": ["web"], "worker": ["worker"], "beat": ["beat"]}


def test_an_existing_secret_replaces_the_charts_secret(tmp_path):
    docs = render(tmp_path, VARIANTS["existing-secret-no-metrics-no-policies"])
    assert not of_kind(docs, "Secret")
    for _, spec in pod_specs(docs):
        refs = [
            e["secretRef"]["name"] for e in spec["containers"][0]["envFrom"] if "secretRef" in e
        ]
        assert refs == ["ghnt-from-vault"]


def test_the_configuration_carries_json_logs_and_the_external_services(tmp_path):
    docs = render(tmp_path)
    config = of_kind(docs, "ConfigMap")[0]["data"]
    assert config["LOG_FORMAT"] == "json"
    assert config["ALLOWED_HOSTS"] == "ghnt.test.example"
    assert config["STORAGE_BACKEND"] == "s3" and config["AWS_S3_ENDPOINT_URL"]
    assert config["DEBUG"] == "false"
    secret = of_kind(docs, "Secret")[0]["stringData"]
    assert secret["DATABASE_URL"].startswith("postgres://")
    assert secret["CELERY_BROKER_URL"].startswith("redis://")
    assert secret["METRICS_TOKEN"]
    ingress = of_kind(docs, "Ingress")[0]["spec"]
    assert ingress["tls"] == [{"hosts": ["ghnt.test.example"], "secretName": "ghnt-portal-tls"}]


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("postgresql", "postgresql.url"),
        ("redis", "redis.brokerUrl"),
        ("secret", "secret.secretKey"),
    ],
)
def test_a_missing_required_value_stops_the_install_with_its_name(tmp_path, missing, message):
    values = yaml.safe_load(CI_VALUES.read_text())
    del values[missing]
    (tmp_path / "all.yaml").write_text(yaml.safe_dump(values))
    result = subprocess.run(
        [helm(), "template", "rel", str(CHART), "-f", str(tmp_path / "all.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_alert_rules_are_off_by_default_and_name_only_metrics_the_portal_exports(tmp_path):
    defaults = render(tmp_path, {"metrics": {"prometheusRule": {"enabled": False}}})
    assert not of_kind(defaults, "PrometheusRule")
    plain = subprocess.run(
        [helm(), "show", "values", str(CHART)], capture_output=True, text=True, timeout=60
    )
    assert yaml.safe_load(plain.stdout)["metrics"]["prometheusRule"]["enabled"] is False

    (rule,) = of_kind(render(tmp_path), "PrometheusRule")
    rules = {r["alert"]: r["expr"] for g in rule["spec"]["groups"] for r in g["rules"]}
    assert set(rules) == {
        "GhntOutboxBacklog",
        "GhntReportFailed",
        "GhntBeatHeartbeatMissing",
        "GhntSlowResponses",
    }
    assert "> 600" in rules["GhntOutboxBacklog"]  # 10 minutes
    assert (
        "histogram_quantile(0.95" in rules["GhntSlowResponses"]
        and "> 1" in rules["GhntSlowResponses"]
    )
    exported = _exported_metric_names()
    for expr in rules.values():
        for name in re.findall(r"\bghnt_[a-z_]+", expr):
            assert name in exported, f"{name} is not a metric the portal exports"


def _exported_metric_names() -> set[str]:
    """Every sample name the portal's registry can produce (counters, histograms, and the
    database gauges)."""
    from prometheus_client import REGISTRY

    from ghnt_portal.observability import metrics

    names = set()
    for family in REGISTRY.collect():
        names.add(family.name)
        names |= {f"{family.name}{suffix}" for suffix in ("_total", "_bucket", "_sum", "_count")}
    source = Path(metrics.__file__).read_text()
    names |= set(re.findall(r'"(ghnt_[a-z_]+)"', source))  # the gauges read at scrape time
    return names
