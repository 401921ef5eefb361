"""The search page (every signed-in user; the header's box lands here) and the public
pages' search over their public data only."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programmes.models import Region

from .constants import PAGE_SIZE
from .forms import SearchForm
from .query import search

_FIRST_YEAR = 2015


def _years() -> list[int]:
    return list(range(datetime.date.today().year + 1, _FIRST_YEAR - 1, -1))


def _run(request, regions, public: bool) -> dict:
    form = SearchForm(request.GET or None, regions=regions, years=_years())
    page = None
    links: dict[str, str] = {}
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        page = search(
            None if public else request.user,
            data["q"],
            kind=data["soort"],
            region_id=data["regio"],
            year=data["jaar"],
            page=data["pagina"] or 1,
            public=public,
        )
        number = data["pagina"] or 1
        query = request.GET.copy()
        if number * PAGE_SIZE < page.total:
            query["pagina"] = str(number + 1)
            links["next_page"] = query.urlencode()
        if number > 1:
            query["pagina"] = str(number - 1)
            links["previous_page"] = query.urlencode()
    return {"form": form, "page": page, "public": public, **links}


@require_GET
def search_page(request):
    regions = list(Region.objects.visible_to(request.user).only("pk", "name"))
    return render(request, "search/results.html", _run(request, regions, public=False))


@login_not_required
@require_GET
def public_search_page(request):
    regions = list(Region.objects.filter(public_data=True).only("pk", "name"))
    return render(request, "search/public_results.html", _run(request, regions, public=True))
