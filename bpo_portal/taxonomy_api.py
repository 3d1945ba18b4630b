"""/api/v1/services/, /industries/, /languages/, /compliance-standards/, /skills/, /certifications/:
the vocabularies the filters take, unpaginated."""

from rest_framework import mixins, serializers, viewsets

from directory.models import ComplianceStandard, Industry, Language, ServiceType
from jobs.models import Certification, Skill


def vocabulary_viewset(model, fields: list[str], summary: str):
    serializer = type(
        f"{model.__name__}TermSerializer",
        (serializers.ModelSerializer,),
        {"Meta": type("Meta", (), {"model": model, "fields": fields}), "__module__": __name__},
    )
    return type(
        f"{model.__name__}ViewSet",
        (mixins.ListModelMixin, viewsets.GenericViewSet),
        {"queryset": model.objects.all(), "serializer_class": serializer, "pagination_class": None, "__doc__": summary},
    )


ServiceTypeViewSet = vocabulary_viewset(ServiceType, ["slug", "name", "category", "description"], "Service types.")
IndustryViewSet = vocabulary_viewset(Industry, ["slug", "name"], "Client industries.")
LanguageViewSet = vocabulary_viewset(Language, ["code", "name"], "Languages (ISO 639-1).")
ComplianceStandardViewSet = vocabulary_viewset(ComplianceStandard, ["slug", "name", "description"], "Compliance.")
SkillViewSet = vocabulary_viewset(Skill, ["slug", "name", "kind"], "CSR skills.")
CertificationViewSet = vocabulary_viewset(Certification, ["slug", "name", "issuer"], "Certifications.")
