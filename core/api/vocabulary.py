"""Read-only lists of a vocabulary. Apart from core/api/base.py, which REST framework imports from its settings
while its own views are still loading (this module imports those views)."""

from rest_framework import mixins, serializers, viewsets


def vocabulary_viewset(model, fields: list[str], summary: str):
    """A read-only, unpaginated list of a vocabulary (/api/v1/services/, /skills/...): the values filters take."""
    serializer = type(
        f"{model.__name__}TermSerializer",
        (serializers.ModelSerializer,),
        {"Meta": type("Meta", (), {"model": model, "fields": fields}), "__module__": model.__module__},
    )
    return type(
        f"{model.__name__}ViewSet",
        (mixins.ListModelMixin, viewsets.GenericViewSet),
        {"queryset": model.objects.all(), "serializer_class": serializer, "pagination_class": None, "__doc__": summary},
    )
