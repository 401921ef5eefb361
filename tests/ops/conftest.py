"""The fault tests share one set of throwaway services per module: one xdist worker runs them."""

import pytest

SHARED = ("test_faults.py",)


def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.fspath.basename in SHARED:
            item.add_marker(pytest.mark.xdist_group("ops-faults"))
