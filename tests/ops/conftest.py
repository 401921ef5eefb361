"""The fault tests and the two-node test each share one set of throwaway services per module:
one xdist worker runs each module (the two modules may run side by side)."""

import pytest

SHARED = {"test_faults.py": "ops-faults", "test_two_nodes.py": "ops-two-nodes"}


def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        group = SHARED.get(item.fspath.basename)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
