"""The API's pages and the checks of its query parameters (a module of its own: DRF imports
it while loading its viewsets).

A bad parameter is a 400 (/core/error-handling/invalid-input), and one 400 names every bad
parameter at once, the filters' and the page's (/core/error-handling/all-errors)."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE = 2**63 - 1  # a bound to state in the description; any page past the last is a 404


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"  # lowerCamelCase (/core/query-keys-camel-case)
    max_page_size = 200
    page_query_description = "Nummer van de pagina."
    page_size_query_description = "Aantal resultaten per pagina (1 tot en met 200, standaard 50)."

    def parameter_errors(self, request) -> dict[str, list[str]]:
        """A page number that is not a whole number from 1, or a page size that is not one
        from 1 to 200, is an error, not silently the default. A page past the last one is
        no error in the request: that page does not exist (404)."""
        errors = {}
        page = request.query_params.get(self.page_query_param)
        if page is not None and not _whole(page, 1, MAX_PAGE):
            errors[self.page_query_param] = ["Geef een paginanummer: een geheel getal vanaf 1."]
        size = request.query_params.get(self.page_size_query_param)
        if size is not None and not _whole(size, 1, self.max_page_size):
            errors[self.page_size_query_param] = [
                f"Geef een geheel getal van 1 tot en met {self.max_page_size}."
            ]
        return errors

    def paginate_queryset(self, queryset, request, view=None):
        errors = self.parameter_errors(request)
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE)
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters


def _whole(raw: str, minimum: int, maximum: int) -> bool:
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses; and not so many
    # that int() refuses them (past 4,300) when the bound says no anyway.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum))):
        return False
    return minimum <= int(raw) <= maximum


class FilterBackend(DjangoFilterBackend):
    """The filters' errors and the page's in one 400."""

    def filter_queryset(self, request, queryset, view):
        errors = {}
        try:
            queryset = super().filter_queryset(request, queryset, view)
        except ValidationError as exc:
            errors.update(exc.detail)
        paginator = getattr(view, "paginator", None)
        if isinstance(paginator, Pagination):
            errors.update(paginator.parameter_errors(request))
        if errors:
            raise ValidationError(errors)
        return queryset
