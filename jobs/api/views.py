"""/api/v1/jobs/: open postings for everyone; an employer's members also create, change and close theirs."""

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from directory.selectors import employers_of
from jobs.api.serializers import JobPostingDetailSerializer, JobPostingSerializer, JobPostingWriteSerializer
from jobs.filters import JobFilter
from jobs.models import JobPosting
from jobs.services import job_posting_close, job_posting_create, job_posting_update

MINE = OpenApiParameter(
    "mine",
    OpenApiTypes.STR,
    enum=["true", "false"],
    description="`true`: your employers' postings in every status (needs authentication).",
)


@extend_schema_view(
    list=extend_schema(summary="Search open CSR job postings", parameters=[MINE]),
    retrieve=extend_schema(summary="One job posting (open, or one of yours in any status)"),
    create=extend_schema(
        summary="Post a job (it goes to review)",
        request=JobPostingWriteSerializer,
        responses={201: JobPostingDetailSerializer},
    ),
    partial_update=extend_schema(
        summary="Change one of your postings (it goes back to review)",
        request=JobPostingWriteSerializer,
        responses={200: JobPostingDetailSerializer},
    ),
)
class JobPostingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = JobFilter
    extra_query_parameters = ("mine",)
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def lists_mine(self) -> bool:
        mine = self.request.query_params.get("mine", "false")
        if mine not in ("true", "false"):
            raise exceptions.ValidationError({"mine": ["Allowed: true, false."]})
        if mine == "true" and not self.request.user.is_authenticated:
            raise exceptions.NotAuthenticated("mine=true lists your own postings: authenticate first.")
        return mine == "true"

    def get_queryset(self):
        postings = JobPosting.objects.for_page()
        user = self.request.user
        if self.action == "list":
            if self.lists_mine():
                return postings.filter(employer__in=employers_of(user))
            return postings.published()
        if self.action == "retrieve":
            # Members also see their own drafts; nobody else learns that they exist.
            return postings.filter(
                Q(pk__in=JobPosting.objects.published().values("pk")) | Q(employer__in=employers_of(user))
            )
        return postings.filter(employer__in=employers_of(user))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and self.lists_mine() and "ordering" not in self.request.query_params:
            queryset = queryset.order_by("-created_at", "-pk")  # drafts have no publication date yet
        return queryset

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return JobPostingWriteSerializer
        return JobPostingDetailSerializer if self.action != "list" else JobPostingSerializer

    def employer_for_new_posting(self, asked: str | None):
        employers = list(employers_of(self.request.user).order_by("name"))
        if not employers:
            raise exceptions.PermissionDenied("Only members of an employer or a BPO vendor can post jobs.")
        chosen = [employer for employer in employers if employer.slug == asked]
        if chosen:
            return chosen[0]
        if len(employers) == 1:
            return employers[0]
        raise exceptions.ValidationError(
            {"employer": [f"You post for several employers; choose one: {', '.join(e.slug for e in employers)}."]}
        )

    def create(self, request, *args, **kwargs):
        serializer = JobPostingWriteSerializer(data=request.data, context=self.get_serializer_context())
        employer = self.employer_for_new_posting(request.data.get("employer") if hasattr(request.data, "get") else None)
        serializer.is_valid(raise_exception=True)
        posting = job_posting_create(employer=employer, actor=request.user, **serializer.service_arguments())
        return self.detail_response(posting, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        posting = self.get_object()
        serializer = JobPostingWriteSerializer(
            posting, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        posting = job_posting_update(job_posting=posting, actor=request.user, **serializer.service_arguments())
        return self.detail_response(posting)

    @extend_schema(summary="Close one of your postings", request=None, responses={200: JobPostingDetailSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, slug=None):
        posting = job_posting_close(job_posting=self.get_object(), actor=request.user)
        return self.detail_response(posting)

    def detail_response(self, posting, code=status.HTTP_200_OK):
        posting = JobPosting.objects.for_page().get(pk=posting.pk)
        return Response(JobPostingDetailSerializer(posting, context=self.get_serializer_context()).data, status=code)
