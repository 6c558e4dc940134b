"""The change ledger of a plan draft as open data: ``<draft>/data/changes.json`` and ``.csv``.

Wagtail's page routes cannot end in a file extension, so these two addresses are Django
views that find the draft by its path as Wagtail does. Only a live draft that the public may
see answers; fields are documented in docs/open-data.md.
"""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse

from wagtail.models import Site

from core.csv_cells import formula_safe_row
from core.visibility import public_q
from plans.changes import LEDGER_FIELDS, ledger_rows
from plans.compare import VersionChoiceError
from plans.models import PlanDraftPage
from plans.versions import section_ledger


def find_draft(request, page_path):
    """The live, public plan draft at ``page_path`` of the request's site, or 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in page_path.split("/") if component]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    if not isinstance(page, PlanDraftPage):
        raise Http404
    if not PlanDraftPage.objects.live().filter(public_q(), pk=page.pk).exists():
        raise Http404
    return page


def ledger(page, comparison):
    """The ledger as a document: the two versions, then one row per change."""

    def version(revision):
        return {
            "revision": revision.pk,
            "number": revision.number,
            "version": revision.version_label,
            "published_at": revision.published_at.isoformat(),
            "change_note": revision.change_note,
        }

    return {
        "plan": page.title,
        "language": page.locale.language_code,
        "from": version(comparison.older),
        "to": version(comparison.newer),
        "fields": LEDGER_FIELDS,
        "changes": ledger_rows(section_ledger(comparison.sections), comparison.elements),
    }


def change_ledger(request, page_path, extension):
    """What changed between two published versions (``from``, ``to``: revision ids; the
    last two without them), as JSON or CSV."""
    page = find_draft(request, page_path)
    try:
        comparison = page.compare(
            request.GET.get("from"), request.GET.get("to"), with_links=False, latest_by_default=True
        )
    except VersionChoiceError as error:
        if extension == "json":
            return JsonResponse({"error": str(error)}, status=404)
        return HttpResponse(str(error), status=404, content_type="text/plain; charset=utf-8")
    data = ledger(page, comparison)
    if extension == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LEDGER_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in data["changes"]:
        writer.writerow(formula_safe_row(row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"{page.slug}-changes-{comparison.older.pk}-{comparison.newer.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
