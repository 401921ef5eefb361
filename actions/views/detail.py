from django.views.generic import DetailView

from ..services.action_page import action_for_page, action_page


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return action_for_page(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_page(self.request.user, self.object))
        context["next_url"] = self.request.get_full_path()
        return context
