"""The API's pages (a module of its own: DRF imports it while loading its viewsets)."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"  # lowerCamelCase (/core/query-keys-camel-case)
    max_page_size = 200
    page_query_description = "Nummer van de pagina."
    page_size_query_description = "Aantal resultaten per pagina (1 tot en met 200, standaard 50)."

    def get_page_size(self, request):
        """A page size that is not a whole number from 1 to 200 is an error (400), not
        silently the default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Geef een geheel getal van 1 tot en met {self.max_page_size}."
                    ]
                }
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters
