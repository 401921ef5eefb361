"""LongSelect writes a <select> in Python with the markup Django's templates write: the
same options, attributes, selection and escaping, for any labels and values."""

import re

from django import forms

from hypothesis import given, settings
from hypothesis import strategies as st

from ghnt_portal.forms import LongSelect

text = st.text(max_size=12)


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@settings(max_examples=60, deadline=None)
@given(
    options=st.lists(st.tuples(text, text), max_size=6, unique_by=lambda o: o[0]),
    group=st.lists(st.tuples(text, text), max_size=3, unique_by=lambda o: o[0]),
    group_name=st.text(min_size=1, max_size=8),
    chosen=text,
)
def test_long_select_writes_what_djangos_select_writes(options, group, group_name, chosen):
    choices = [("", "Alle"), *options]
    if group:
        choices.append((group_name, group))
    attrs = {"class": "form-select", "aria-describedby": 'hulp-"x"'}
    django_html = forms.Select(attrs=attrs, choices=choices).render("f", chosen, {"id": "id_f"})
    ours = LongSelect(attrs=attrs, choices=choices).render("f", chosen, {"id": "id_f"})
    assert normalised(ours) == normalised(django_html)


def test_the_action_list_filters_keep_their_choices_and_selection(client_for, beheerder):
    from actions.models import Action

    action = Action.objects.select_related("programme").first()
    page = client_for(beheerder).get(f"/acties/?programme={action.programme_id}").content.decode()
    assert f'<option value="{action.programme_id}" selected>' in page
    assert '<option value="" >' not in page and '<option value="">Alle programma' in page
