"""The theme files (CSS, logo, fonts) and the projectleider's theme page.

The CSS and files of a region are served to whoever may see the region, and to everyone for
a region whose data is public (its public pages carry its theme); the installation's to
everyone (the login page has it). A URL with the current version may be kept for a year;
without it (a page rendered while the cache did not know the version) it is revalidated."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views import View
from django.views.decorators.http import require_safe

from ..access import get_editable_or_403
from ..models import Region
from . import services
from .forms import RegionThemeForm
from .models import RegionTheme

YEAR = 365 * 24 * 3600


def _visible_regions(user):
    """Regions whose theme the user may load: those they see, and every public one."""
    return Region.objects.filter(
        Q(pk__in=Region.objects.visible_to(user).values("pk")) | Q(public_data=True)
    )


def _cached(response: HttpResponseBase, request, version: str, public: bool) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    if version and request.GET.get("v") == version:
        patch_cache_control(
            response, public=public, private=not public, max_age=YEAR, immutable=True
        )
    else:
        patch_cache_control(response, no_cache=True, private=not public, public=public)
    response["ETag"] = f'"{version or "standaard"}"'
    # PrivateNoStoreMiddleware leaves this caching as it is.
    response.keeps_cache_control = True  # type: ignore[attr-defined]
    return response


def _css_response(request, theme: services.Theme, public: bool) -> HttpResponseBase:
    etag = f'"{theme.version or "standaard"}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(theme.css(), content_type="text/css; charset=utf-8")
    return _cached(response, request, theme.version, public)


@login_not_required
@require_safe
def installation_css(request):
    return _css_response(request, services.installation_theme(), public=True)


@login_not_required
@require_safe
def installation_asset(request, name: str):
    path = services.installation_files().get(name)
    if path is None or not path.is_file():
        raise Http404("Geen bestand.")
    theme = services.installation_theme()
    content_type = "font/woff2" if name != "logo" else _logo_mime(path.read_bytes()[:4])
    response = FileResponse(path.open("rb"), content_type=content_type)
    return _cached(response, request, theme.version, public=True)


def _logo_mime(head: bytes) -> str:
    return "image/png" if head.startswith(b"\x89PNG") else "image/jpeg"


@login_not_required
@require_safe
def region_css(request, pk: int):
    region = get_object_or_404(_visible_regions(request.user).select_related("theme"), pk=pk)
    theme = services.region_theme(region)
    services.remember(region.pk, theme)
    return _css_response(request, theme, public=region.public_data)


@login_not_required
@require_safe
def region_asset(request, pk: int, name: str):
    region = get_object_or_404(_visible_regions(request.user), pk=pk)
    row = RegionTheme.objects.filter(region=region).first()
    found = services.region_asset(row, name) if row is not None else None
    if row is None or found is None:
        raise Http404("Geen bestand.")
    file, content_type = found
    response = FileResponse(file.open("rb"), content_type=content_type)
    return _cached(response, request, row.version, public=region.public_data)


class ThemeEditView(View):
    """The region's projectleider (and the beheerder) set the region's theme; others who see
    the region get 403, the rest 404."""

    template_name = "programmes/theme/edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.region = get_editable_or_403(
            Region.objects.all(),
            request.user,
            "Alleen de projectleider van de regio en de beheerder passen het thema aan.",
            slug=kwargs["region"],
        )
        self.theme = RegionTheme.objects.filter(region=self.region).first() or RegionTheme(
            region=self.region
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, region):
        return self.render(RegionThemeForm(instance=self.theme, region=self.region))

    def post(self, request, region):
        old_files = services.stored_files(self.theme) if self.theme.pk else []
        form = RegionThemeForm(request.POST, request.FILES, instance=self.theme, region=self.region)
        if not form.is_valid():
            return self.render(form, status=400)
        services.save_theme(form.save(commit=False), old_files)
        messages.success(request, f"Het thema van {self.region} is opgeslagen.")
        return redirect("theme:edit", region=self.region.slug)

    def render(self, form, status=200):
        context = {
            "region": self.region,
            "form": form,
            # What is saved now (the form's instance may hold refused values).
            "preview": services.region_theme(
                Region.objects.select_related("theme").get(pk=self.region.pk)
            ),
        }
        return render(
            request=self.request, template_name=self.template_name, context=context, status=status
        )
