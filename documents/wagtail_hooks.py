from wagtail import hooks

from documents.rich_text import CachedDocumentLinkHandler


@hooks.register("register_rich_text_features", order=1)
def document_links_from_the_shell_cache(features):
    """Runs after Wagtail's own registration (order 0), so that this handler replaces it."""
    features.register_link_type(CachedDocumentLinkHandler)
