"""Admin: importing indicator values of an adopted plan from a CSV or XLSX file
(``plans.imports``): upload, preview, apply, the log of imports and the undo of the last one.

Who may record values one by one (``plans.add_indicatorvalue`` and
``plans.change_indicatorvalue``: the Editors) may import them; undo deletes the values an
import added, so it needs ``plans.delete_indicatorvalue`` as well. Each view checks this.
"""

from collections import Counter

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from plans import imports
from plans.models import IndicatorImport, PlanDraftPage

IMPORT_PERMISSIONS = ("plans.add_indicatorvalue", "plans.change_indicatorvalue")
UNDO_PERMISSIONS = (*IMPORT_PERMISSIONS, "plans.delete_indicatorvalue")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8, commas or semicolons) or Excel .xlsx, up to 2 MB and 5 000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def may_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


def may_undo(user):
    return user.has_perms(UNDO_PERMISSIONS)


def adopted_plans():
    """The plans whose indicator values are recorded: adopted, in the default language."""
    return PlanDraftPage.objects.filter(
        stage=PlanDraftPage.Stage.ADOPTED, locale=Locale.get_default()
    ).order_by("-first_published_at", "-pk")


def plan_for(request, plan_id, permissions=IMPORT_PERMISSIONS):
    if not request.user.has_perms(permissions):
        raise PermissionDenied
    return get_object_or_404(adopted_plans(), pk=plan_id)


def import_for(request, import_id, permissions=IMPORT_PERMISSIONS):
    if not request.user.has_perms(permissions):
        raise PermissionDenied
    return get_object_or_404(
        IndicatorImport.objects.select_related("plan", "user"),
        pk=import_id,
        plan__in=adopted_plans(),
    )


def header(title):
    return {"page_title": title, "header_title": title, "header_icon": "upload"}


def choose_plan(request):
    """The adopted plans, each with a link to its import page."""
    if not may_import(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "plans/admin/import_plans.html",
        {**header(_("Import indicator values")), "plans": adopted_plans()},
    )


def plan_imports(request, plan_id):
    """A plan's import page: the upload form, the templates and the log of its imports."""
    plan = plan_for(request, plan_id)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                record = imports.read_upload(plan, form.cleaned_data["file"], request.user)
            except imports.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("plans_admin:import_preview", record.pk)
    log = (
        IndicatorImport.objects.filter(plan=plan)
        .exclude(status=IndicatorImport.Status.PREVIEW)
        .select_related("user", "undone_by")
        .order_by("-applied_at", "-pk")
    )
    return TemplateResponse(
        request,
        "plans/admin/import_plan.html",
        {
            **header(_("Import indicator values")),
            "plan": plan,
            "form": form,
            "log": log,
            "last_applied": imports.last_applied(plan),
            "may_undo": may_undo(request.user),
        },
        status=400 if form.errors else 200,
    )


def rows_for_display(rows):
    for row in rows:
        yield {
            **row,
            "messages": [imports.error_message(error) for error in row["errors"]],
            "value_display": imports.value_text(row["value"]),
            "old_value_display": imports.value_text(row["old_value"]),
        }


def import_preview(request, import_id):
    """An upload's rows with what each would do, and "apply" (a POST) when none has an error."""
    record = import_for(request, import_id)
    if request.method == "POST":
        try:
            record = imports.apply_import(record)
        except imports.ImportRefused as error:
            messages.error(request, str(error))
        else:
            counts = Counter(change["action"] for change in record.changes)
            messages.success(
                request,
                _("The import is applied. Values added: %(added)s, changed: %(changed)s.")
                % {"added": counts["add"], "changed": counts["change"]},
            )
            return redirect("plans_admin:import_log", record.pk)
        return redirect("plans_admin:import_preview", record.pk)
    if record.status != IndicatorImport.Status.PREVIEW:
        return redirect("plans_admin:import_log", record.pk)
    counts = Counter("error" if row["errors"] else row["action"] for row in record.rows)
    return TemplateResponse(
        request,
        "plans/admin/import_preview.html",
        {
            **header(_("Preview of the import")),
            "record": record,
            "plan": record.plan,
            "rows": list(rows_for_display(record.rows)),
            "counts": counts,
            "has_errors": record.has_errors,
            "has_changes": counts["add"] + counts["change"] > 0,
        },
    )


def import_log(request, import_id):
    """What an applied import changed, and its undo when it is the plan's last one."""
    record = import_for(request, import_id)
    if record.status == IndicatorImport.Status.PREVIEW:
        return redirect("plans_admin:import_preview", record.pk)
    changes = [
        {
            **change,
            "value_display": imports.value_text(change["value"]),
            "old_value_display": imports.value_text(change["old_value"]),
        }
        for change in record.changes
    ]
    return TemplateResponse(
        request,
        "plans/admin/import_log.html",
        {
            **header(_("Import of %(file)s") % {"file": record.file_name}),
            "record": record,
            "plan": record.plan,
            "changes": changes,
            "can_undo": may_undo(request.user) and record == imports.last_applied(record.plan),
        },
    )


@require_POST
def undo(request, import_id):
    record = import_for(request, import_id, UNDO_PERMISSIONS)
    try:
        imports.undo_import(record, request.user)
    except imports.ImportRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The import is undone: the values before it are restored."))
    return redirect("plans_admin:import_log", record.pk)


def template(request, plan_id, kind):
    """The plan's indicators, numbered and named, with columns to fill in (CSV or XLSX)."""
    plan = plan_for(request, plan_id)
    name = f"{plan.slug}-rodikliu-reiksmes.{kind}"
    if kind == "csv":
        response = HttpResponse(imports.template_csv(plan), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            imports.template_xlsx(plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
