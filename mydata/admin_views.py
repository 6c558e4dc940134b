"""The administrators' log of erasures in the Wagtail admin (superusers only)."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from mydata.erasure import address_hash
from mydata.forms import AddressLookupForm
from mydata.models import Erasure

PER_PAGE = 50


def erasure_log(request):
    """Every erasure, newest first; an address typed in finds its own (by its keyed hash)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    erasures = Erasure.objects.all()
    form = AddressLookupForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["email"]:
        erasures = erasures.filter(address_hash=address_hash(form.cleaned_data["email"]))
    page = Paginator(erasures, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "mydata/admin/erasures.html",
        {"page_title": _("Erasures of residents' data"), "page_obj": page, "form": form},
    )
