from django.http import Http404

from wagtail import hooks
from wagtail.permissions import policy_registry


def may_see_private_documents(user, document):
    """Editors who may choose or change the document in the admin (a draft's files)."""
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(type(document))
    return policy.user_has_any_permission_for_instance(user, ["change", "choose"], document)


@hooks.register("before_serve_document", order=-1)
def only_public_documents(document, request):
    """A document no live public page uses, and no editor marked public, is not found
    (before Wagtail's own collection restriction check, which would say it exists)."""
    if not document.is_public and not may_see_private_documents(request.user, document):
        raise Http404("No such document.")
