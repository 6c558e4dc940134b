"""Wagtail's routing, one query lighter for a section index whose children are of one type."""

from django.apps import apps


class ChildPageRoute:
    """Wagtail's `Page.route` finds a child by its slug, then reads the child's own fields in a
    second query; a page with this mixin reads a child of its `child_page_model` ("app.Model")
    in one. A child of another type, or none, is left to Wagtail's routing. Put it after
    `RoutablePageMixin`, whose own routes come first as before."""

    child_page_model = None

    def route(self, request, path_components):
        if path_components:
            child_model = apps.get_model(self.child_page_model)
            child = child_model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)
