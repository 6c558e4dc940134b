"""Editing a plan of real size: one part of the plan tree at a time (docs/plan-editing.md).

The page editor of a plan draft no longer builds the whole ``plan_tree`` (405 elements are
about 5,700 inputs, which a browser takes 5–11 s to build). Its "Plan structure" tab lists
the elements as an outline of links; each link opens the editor of the part that holds the
element: one objective with its measures and indicators (a priority with everything below
it is about 1,150 inputs and a goal about 380: too many, measured in docs/plan-editing.md),
or a priority's or a goal's own fields and the order of its goals or objectives
(``part_editor``). The structure view (``structure``) adds, removes and reorders
priorities. A script of the public plan asks ``edit_links`` for signed-in editors' "edit"
links; ``element_search`` is the admin search's "Plan elements" area.

Why parts of the page and not elements as models of their own: the plan stays one page, so
everything the site built on it keeps working unchanged — every save is a new revision of the
page (a draft until the workflow approves and publishes the whole plan version), the
wagtail-localize segments still come from the page's ``plan_tree``, element ids are the
blocks' ids and the semantic compare reads two revisions as before.

A part is saved as Wagtail's page editor saves a page: the same permission (``can_edit``,
403 otherwise), the same locks (a page locked by someone, or by a workflow task this user
may not act on, is shown read-only and refuses saving), the same ``before_edit_page`` and
``after_edit_page`` hooks and ``save_revision(log_action=True)``. The new revision is the
page's latest revision with only that part replaced (its id and every other element kept).
A form opened on an older revision than the latest is refused with the user's input kept:
someone saved the plan meanwhile.
"""

import uuid
from functools import wraps

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.blocks import BlockField
from wagtail.models import Locale, Page

from plans.blocks import TITLE_MAX_LENGTH
from plans.models import PlanDraftPage
from plans.panels import outline_links
from plans.tree import CHILDREN, LEVELS, find_element, replace_element

#: The kinds of element that have an editor of their own: a priority's and a goal's editors
#: edit their own fields and their children's order (``ContainerForm``), an objective's its
#: whole subtree (``ObjectiveForm``): its measures and their indicators.
CONTAINER_KINDS = ("priority", "goal")
PART_KINDS = (*CONTAINER_KINDS, "objective")


def block_for(kind):
    """The block that stores an element of ``kind`` (the model's own block instances)."""
    block = PlanDraftPage._meta.get_field("plan_tree").stream_block.child_blocks["priority"]
    for parent_kind in LEVELS[: LEVELS.index(kind)]:
        block = block.child_blocks[CHILDREN[parent_kind]].child_block
    return block


def part_editor_url(page_id, part_id):
    """The editor of the part ``part_id`` (a priority, goal or objective) of plan ``page_id``."""
    return reverse("plans_part_editor", args=[page_id, part_id])


class ChildrenForm(forms.Form):
    """The order of a list of elements, which to remove, and a new one to add: a place
    (1, 2, …), a "remove" box per element and a title for the new one."""

    loaded_revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, children, *args, new_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.children = children
        self.rows = []
        for position, (number, element_id, title) in enumerate(children, start=1):
            self.fields[f"place_{element_id}"] = forms.IntegerField(
                label=_("Place of %(number)s %(title)s") % {"number": number, "title": title},
                min_value=1,
                required=False,  # not given: after the others, in its place
                initial=position,
                widget=forms.NumberInput(attrs={"class": "plan-structure__place"}),
            )
            self.fields[f"remove_{element_id}"] = forms.BooleanField(
                label=_("Remove %(number)s with everything below it") % {"number": number},
                required=False,
            )
            self.rows.append((number, element_id, title))
        self.fields["new_title"] = forms.CharField(
            label=new_label, required=False, max_length=TITLE_MAX_LENGTH
        )

    def bound_rows(self):
        for number, element_id, title in self.rows:
            yield (
                number,
                element_id,
                title,
                self[f"place_{element_id}"],
                self[f"remove_{element_id}"],
            )

    def apply(self, stored_children, new_child):
        """The stored children reordered, without the removed ones, with the new one last."""
        data = self.cleaned_data
        known = {element_id for _number, element_id, _title in self.rows}
        last = len(stored_children) + 1
        kept = [
            (data.get(f"place_{child.get('id')}") or last, index, child)
            for index, child in enumerate(stored_children)
            if not (child.get("id") in known and data.get(f"remove_{child.get('id')}"))
        ]
        children = [child for _place, _index, child in sorted(kept, key=lambda row: row[:2])]
        if data.get("new_title"):
            children.append(new_child(data["new_title"]))
        return children


class ContainerForm(ChildrenForm):
    """A priority's or goal's own fields and its children's order (each child has its own
    editor)."""

    def __init__(self, kind, children, *args, **kwargs):
        new_label = _("Add a goal") if kind == "priority" else _("Add an objective")
        super().__init__(children, *args, new_label=new_label, **kwargs)
        block = block_for(kind)
        self.fields["title"] = forms.CharField(
            label=block.child_blocks["title"].label, max_length=TITLE_MAX_LENGTH
        )
        self.fields["description"] = forms.CharField(
            label=block.child_blocks["description"].label,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )


class ObjectiveForm(forms.Form):
    """An objective with its measures and indicators: the plan's own blocks."""

    loaded_revision = forms.IntegerField(widget=forms.HiddenInput)
    part = BlockField(block=block_for("objective"), label=block_for("objective").label)


STALE_FORM = gettext_lazy(
    "Someone saved a newer version of this plan after you opened this form, so your changes "
    "were not saved. They are shown below: open the plan's newest version in another tab to "
    "compare, then save here again to put what is shown below into the newest version."
)


class PlanNotEditable(Exception):  # noqa: N818 (a refusal, answered 403 by ``refused_with_403``)
    """The user may not edit this plan."""


def refused_with_403(view):
    """Answer 403 to a user who may not edit the plan. (Wagtail's admin would turn a raised
    ``PermissionDenied`` into a redirect to the dashboard, which hides the refusal from a
    script and from the tests.)"""

    @wraps(view)
    def checked(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PlanNotEditable:
            return TemplateResponse(
                request,
                "plans/admin/not_editable.html",
                {"header_title": _("You may not edit this plan")},
                status=403,
            )

    return checked


class EditablePlan:
    """A plan draft as the part editors see it: its latest revision, the user's permission
    and lock, read as Wagtail's page editor reads them."""

    def __init__(self, request, page_id):
        record = get_object_or_404(Page, id=page_id).specific
        if not isinstance(record, PlanDraftPage):
            raise Http404
        if not record.permissions_for_user(request.user).can_edit():
            raise PlanNotEditable
        self.request, self.record = request, record
        self.latest_revision = record.get_latest_revision()
        #: The revision a form opened now is read from (0: the page has none yet).
        self.loaded_id = self.latest_revision.pk if self.latest_revision else 0
        self.page = record.get_latest_revision_as_object()
        lock = record.get_lock()
        self.lock_message = lock.get_message(request.user) if lock else ""
        self.locked = bool(lock and lock.for_user(request.user))

    @property
    def is_edited_elsewhere(self):
        """Translations are edited in wagtail-localize's editor, from the Lithuanian tree, and
        an alias is its original page (Wagtail's page editor says so)."""
        return self.record.locale_id != Locale.get_default().pk or bool(self.record.alias_of_id)

    @property
    def raw_tree(self):
        return list(self.page.plan_tree.raw_data)

    def before_edit(self):
        for hook in hooks.get_hooks("before_edit_page"):
            response = hook(self.request, self.record)
            if hasattr(response, "status_code"):
                return response
        return None

    def save(self, loaded_revision, change):
        """Save ``change(stored tree) -> stored tree`` as a new revision of the page, or say
        why not (``(revision or None, refusal message)``)."""
        if self.locked:
            return None, _("The page could not be saved as it is locked.")
        with transaction.atomic():
            # One save at a time per page: the latest revision cannot change under us.
            Page.objects.select_for_update().filter(pk=self.record.pk).first()
            latest = self.record.get_latest_revision()
            if (latest.pk if latest else 0) != loaded_revision:
                return None, STALE_FORM
            page = latest.as_object() if latest else self.record
            page.plan_tree = change(list(page.plan_tree.raw_data))
            if not page.live:  # as Wagtail's page editor: the draft's row follows it
                page.save()
            revision = page.save_revision(user=self.request.user, log_action=True, clean=False)
        for hook in hooks.get_hooks("after_edit_page"):
            response = hook(self.request, page)
            if hasattr(response, "status_code"):
                return revision, response
        return revision, None

    def context(self, current=None, **extra):
        """The template's context; ``current``: the part's number and title (its editor)."""
        structure_url = reverse("plans_structure", args=[self.record.pk])
        return {
            "plan": self.page,
            "record": self.record,
            "locked": self.locked,
            "lock_message": self.lock_message,
            "page_edit_url": reverse("wagtailadmin_pages:edit", args=[self.record.pk]),
            "structure_url": structure_url,
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_explore_root"), "label": _("Pages")},
                {
                    "url": reverse("wagtailadmin_pages:edit", args=[self.record.pk]),
                    "label": self.page.get_admin_display_title(),
                },
                {"url": structure_url, "label": _("Plan structure")},
                *([{"url": "", "label": current}] if current else []),
            ],
            "header_title": current or _("Plan structure"),
            **extra,
        }


def new_priority(title):
    return {"type": "priority", "id": str(uuid.uuid4()), "value": empty("priority", title)}


def new_list_item(kind):
    """What makes a new element of ``kind`` (a list item) from its title."""
    return lambda title: {"type": "item", "id": str(uuid.uuid4()), "value": empty(kind, title)}


def empty(kind, title):
    """The stored value of a new element with only its title."""
    return block_for(kind).get_prep_value(block_for(kind).to_python({"title": title}))


def children_of(number, stored_children):
    return [
        (f"{number}.{position}", child.get("id"), child["value"].get("title", ""))
        for position, child in enumerate(stored_children, start=1)
    ]


def save_message(request, plan, number, title):
    messages.success(
        request,
        _(
            "%(number)s “%(title)s” saved as a new draft version of “%(plan)s”. Submit the "
            "plan for approval from the page editor."
        )
        % {"number": number, "title": title, "plan": plan.page.get_admin_display_title()},
    )


@refused_with_403
def part_editor(request, page_id, element_id):
    """The editor of one part of a plan: an objective with all below it, or a priority's or
    goal's own fields and the order of its children."""
    plan = EditablePlan(request, page_id)
    if plan.is_edited_elsewhere:
        return redirect("wagtailadmin_pages:edit", plan.record.pk)
    if response := plan.before_edit():
        return response
    found = find_element(plan.raw_tree, str(element_id))
    if found is None or found[0] not in PART_KINDS:
        messages.error(request, _("This part is no longer in the plan's latest version."))
        return redirect("plans_structure", plan.record.pk)
    kind, number, item = found
    data = request.POST if request.method == "POST" else None
    initial = {"loaded_revision": plan.loaded_id}
    if kind in CONTAINER_KINDS:
        initial.update(
            title=item["value"].get("title", ""),
            description=item["value"].get("description", ""),
        )
        children = children_of(number, item["value"].get(CHILDREN[kind]) or [])
        form = ContainerForm(kind, children, data, initial=initial)
    else:
        initial["part"] = block_for(kind).to_python(item["value"])
        form = ObjectiveForm(data, initial=initial)
    status = 200
    if data is not None:
        if form.is_valid():
            revision, outcome = plan.save(
                form.cleaned_data["loaded_revision"],
                lambda tree: replace_element(
                    tree, item["id"], part_value(kind, form, find_element(tree, item["id"]))
                ),
            )
            if revision is not None:
                title = form.cleaned_data["title" if kind in CONTAINER_KINDS else "part"]
                if kind not in CONTAINER_KINDS:
                    title = title["title"]
                save_message(request, plan, number, title)
                return outcome or redirect(request.get_full_path())
            messages.error(request, outcome)
            status = 409
            # Saving again puts this input into the newest version (the message says so).
            form.data = form.data.copy()
            form.data["loaded_revision"] = plan.loaded_id
        else:
            messages.error(request, _("The part could not be saved: correct the errors below."))
            status = 400
    return TemplateResponse(
        request,
        "plans/admin/part_editor.html",
        plan.context(
            form=form,
            kind=kind,
            number=number,
            part_title=item["value"].get("title", ""),
            element_id=item["id"],
            current=f"{number} {item['value'].get('title', '')}",
        ),
        status=status,
    )


def part_value(kind, form, latest):
    """The stored value of the part as ``form`` saves it; ``latest``: the part as found in
    the latest revision's tree."""
    if kind not in CONTAINER_KINDS:
        return block_for(kind).get_prep_value(form.cleaned_data["part"])
    stored = latest[2]["value"]
    return {
        **stored,
        "title": form.cleaned_data["title"],
        "description": form.cleaned_data["description"],
        CHILDREN[kind]: form.apply(
            stored.get(CHILDREN[kind]) or [], new_list_item(LEVELS[LEVELS.index(kind) + 1])
        ),
    }


@refused_with_403
def structure(request, page_id):
    """The plan's priorities: their order, removing one, adding one, and links to the
    editors of every part."""
    plan = EditablePlan(request, page_id)
    if plan.is_edited_elsewhere:
        return redirect("wagtailadmin_pages:edit", plan.record.pk)
    if response := plan.before_edit():
        return response
    data = request.POST if request.method == "POST" else None
    form = ChildrenForm(
        children_of("", plan.raw_tree),
        data,
        new_label=_("Add a priority"),
        initial={"loaded_revision": plan.loaded_id},
    )
    status = 200
    if data is not None:
        if form.is_valid():
            revision, outcome = plan.save(
                form.cleaned_data["loaded_revision"],
                lambda tree: form.apply(tree, new_priority),
            )
            if revision is not None:
                messages.success(
                    request,
                    _("The plan's priorities saved as a new draft version of “%(plan)s”.")
                    % {"plan": plan.page.get_admin_display_title()},
                )
                return outcome or redirect(request.get_full_path())
            messages.error(request, outcome)
            status = 409
            form.data = form.data.copy()
            form.data["loaded_revision"] = plan.loaded_id
        else:
            messages.error(
                request, _("The priorities could not be saved: correct the errors below.")
            )
            status = 400
    return TemplateResponse(
        request,
        "plans/admin/structure.html",
        plan.context(
            form=form,
            outline=outline_links(plan.raw_tree, plan.record.pk),
        ),
        status=status,
    )


@refused_with_403
def edit_links(request, page_id):
    """``{"label", "links": {element id: its editor, at the element}}`` for a signed-in user
    who may edit the plan: what the public plan's script turns into "edit" links. Never kept
    by a cache (the page's HTML is the same for everyone)."""
    record = get_object_or_404(Page, id=page_id).specific
    if not isinstance(record, PlanDraftPage):
        raise Http404
    if record.locale_id != Locale.get_default().pk:  # a translation: edit the Lithuanian tree
        record = record.get_translation(Locale.get_default()).specific
    if not record.permissions_for_user(request.user).can_edit():
        raise PlanNotEditable
    raw_tree = record.get_latest_revision_as_object().plan_tree.raw_data
    links = {
        element_id: f"{url}#{kind}-{element_id}"
        for kind, element_id, _number, _title, url in outline_links(raw_tree, record.pk)
    }
    response = JsonResponse({"label": _("Edit"), "links": links})
    response["Cache-Control"] = "private, no-store"
    return response


def element_search(request):
    """Plan elements whose number or title holds the query, in the latest versions of the
    plans the user may edit, each a link into its part's editor (an admin search area)."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        drafts = PlanDraftPage.objects.filter(locale=Locale.get_default()).order_by("-pk")
        for draft in drafts:
            if not draft.permissions_for_user(request.user).can_edit():
                continue
            raw_tree = draft.get_latest_revision_as_object().plan_tree.raw_data
            for kind, element_id, number, title, url in outline_links(raw_tree, draft.pk):
                # As the plan shows it ("2.1.1.1.2. Title") or without the number's dot.
                shown = f"{number}. {title}".casefold()
                if query.casefold() in shown or query.casefold() in shown.replace(". ", " ", 1):
                    results.append(
                        {
                            "plan": draft,
                            "kind": kind,
                            "number": number,
                            "title": title,
                            "url": f"{url}#{kind}-{element_id}",
                        }
                    )
    return TemplateResponse(
        request,
        "plans/admin/element_search.html",
        {
            "query": query,
            "results": results[:200],
            "more": len(results) > 200,
            "header_title": _("Plan elements"),
            "page_title": _("Plan elements"),
            "header_icon": "order",
        },
    )
