"""static/js/portal.min.js, the script every page loads, is committed; it must be what
tools/build_js.mjs (`make js`) makes from static/js/portal.js of this commit, so a change to the
source never ships without its minified file."""

from tests.test_nlds_css import assert_build_is_current


def test_portal_min_js_is_up_to_date_with_its_source():
    assert_build_is_current("build_js.mjs", "terser")
