"""/api/v1/jobs/: open postings for everyone; an employer's members also create, change and close theirs."""

import re

from django.db import transaction
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import has_verified_email
from core.api.facets import FacetsMixin
from core.api.parsers import JSONParser, MultiPartParser
from core.api.vocabulary import vocabulary_viewset
from core.sql import PagedRows, selection_key
from directory.selectors import employers_of
from jobs.api.serializers import (
    ApplicationSerializer,
    ApplySerializer,
    JobMatchSerializer,
    JobPostingDetailSerializer,
    JobPostingSerializer,
    JobPostingWriteSerializer,
    SavedJobSerializer,
    SeekerProfileSerializer,
    SeekerProfileUploadSerializer,
    StageSerializer,
)
from jobs.filters import JobFilter
from jobs.matching import job_match
from jobs.models import Application, Certification, JobPosting, SavedJob, SeekerProfile, Skill
from jobs.selectors import resume_filename, seeker_profile_of
from jobs.services.applications import AlreadyApplied, application_move, application_submit
from jobs.services.postings import job_posting_close, job_posting_create, job_posting_update

ALREADY_APPLIED = inline_serializer(
    "AlreadyApplied",
    fields={"detail": serializers.CharField(), "application": serializers.IntegerField(help_text="Its id.")},
)


class ApplyMixin:
    """POST /api/v1/jobs/{slug}/apply/ and POST or DELETE /api/v1/jobs/{slug}/save/ on the job viewset."""

    @extend_schema(
        summary="Apply to an open posting",
        request={"multipart/form-data": ApplySerializer},
        responses={
            201: ApplicationSerializer,
            409: OpenApiResponse(ALREADY_APPLIED, "Already applied to this posting: the first application's id."),
        },
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def apply(self, request, slug=None):
        posting = get_object_or_404(JobPosting.objects.visible_to_public(), slug=slug)
        if not has_verified_email(request.user):
            raise exceptions.PermissionDenied("Confirm your email address before you apply.")
        serializer = ApplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            application = application_submit(
                job_posting=posting,
                applicant=request.user,
                cover_note=serializer.validated_data.get("cover_note", ""),
                resume=serializer.validated_data.get("resume"),
            )
        except AlreadyApplied as error:
            return Response(
                {"detail": error.message, "application": error.application.pk}, status=status.HTTP_409_CONFLICT
            )
        data = ApplicationSerializer(application, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Save a posting (POST) or forget it (DELETE)", request=None, responses={204: None})
    @action(detail=True, methods=["post", "delete"], url_path="save")
    def save_posting(self, request, slug=None):
        posting = get_object_or_404(JobPosting.objects.visible_to_public(), slug=slug)
        if request.method == "DELETE":
            SavedJob.objects.filter(user=request.user, job_posting=posting).delete()
        else:
            SavedJob.objects.get_or_create(user=request.user, job_posting=posting)
        return Response(status=status.HTTP_204_NO_CONTENT)


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")
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
    ApplyMixin,
    FacetsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Open CSR job postings; an employer's members post, change and close theirs."""

    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_class = JobFilter
    extra_query_parameters = ("mine",)
    permission_classes = [IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    # A posting's body holds objects and lists (salary, skills, languages) that a form encoding cannot carry: a
    # form body lost them without a word (schemathesis: a salary sent as form fields was ignored and the posting
    # created without it). JSON only, then, as the whole API (settings); applying takes multipart (a resume).

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
        if self.action in ("list", "facets"):
            if self.lists_mine():
                return postings.filter(employer__in=employers_of(user))
            return postings.published()
        if self.action == "retrieve":
            # Members also see their own drafts; nobody else learns that they exist.
            return postings.filter(
                Q(pk__in=JobPosting.objects.published().values("pk")) | Q(employer__in=employers_of(user))
            )
        return postings.filter(employer__in=employers_of(user))

    def list(self, request, *args, **kwargs):
        """The serializer's JSON from one query per page (`card_rows`), not from model instances."""
        count_key = None if self.lists_mine() else selection_key("api:jobs", request.query_params)
        postings = PagedRows(self.filter_queryset(self.get_queryset()), lambda page: page.card_rows(), count_key)
        page = self.paginate_queryset(postings)
        return self.get_paginated_response(JobPostingSerializer.cards(page, request))

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
        if not has_verified_email(self.request.user):
            raise exceptions.PermissionDenied("Confirm your email address before you post a job.")
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

    @extend_schema(
        summary="How your job seeker profile matches this posting, and what is missing",
        responses={200: JobMatchSerializer},
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def match(self, request, slug=None):
        posting = get_object_or_404(JobPosting.objects.visible_to_public().for_page(), slug=slug)
        profile = seeker_profile_of(request.user)
        if profile is None:
            raise exceptions.NotFound("You have no job seeker profile yet: create it at /api/v1/me/profile/.")
        return Response(JobMatchSerializer(job_match(profile, posting)).data)

    @extend_schema(summary="Close one of your postings", request=None, responses={200: JobPostingDetailSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, slug=None):
        posting = job_posting_close(job_posting=self.get_object(), actor=request.user)
        return self.detail_response(posting)

    def detail_response(self, posting, code=status.HTTP_200_OK):
        posting = JobPosting.objects.for_page().get(pk=posting.pk)
        return Response(JobPostingDetailSerializer(posting, context=self.get_serializer_context()).data, status=code)

    def facets_scope(self) -> str | None:
        return None if self.lists_mine() else "api:jobs"


@extend_schema_view(
    list=extend_schema(
        summary="Your applications, or with received=true those to your employers' postings",
        parameters=[
            OpenApiParameter("received", OpenApiTypes.STR, enum=["true", "false"]),
            OpenApiParameter("job", OpenApiTypes.STR, description="A posting's slug (with received=true)."),
        ],
    ),
    retrieve=extend_schema(summary="One application (yours, or to your employer)"),
    partial_update=extend_schema(
        summary="Move an application through the pipeline (employer members)",
        request=StageSerializer,
        responses={200: ApplicationSerializer},
    ),
)
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    queryset = Application.objects.none()  # for the schema; get_queryset decides what a request sees
    lookup_value_regex = "[0-9]+"
    serializer_class = ApplicationSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]
    filter_backends = []
    extra_query_parameters = ("received", "job")

    def received(self) -> bool:
        value = self.request.query_params.get("received", "false")
        if value not in ("true", "false"):
            raise exceptions.ValidationError({"received": ["Allowed: true, false."]})
        return value == "true"

    def get_queryset(self):
        unknown = sorted(set(self.request.query_params) - {"received", "job", "page", "page_size", "format"})
        if unknown:
            raise exceptions.ValidationError({name: ["Unknown parameter."] for name in unknown})
        applications = Application.objects.select_related("job_posting", "job_posting__employer", "applicant")
        employer_side = applications.filter(job_posting__employer__in=employers_of(self.request.user))
        if self.action == "partial_update":
            return employer_side
        if self.action in ("list", "facets"):
            if self.received():
                job = self.request.query_params.get("job")
                if job and not SLUG.fullmatch(job):
                    raise exceptions.ValidationError({"job": ["A job posting's slug."]})
                return employer_side.filter(job_posting__slug=job) if job else employer_side
            return applications.filter(applicant=self.request.user)
        return applications.filter(Q(applicant=self.request.user) | Q(pk__in=employer_side.values("pk")))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["as_employer"] = self.action == "partial_update" or (self.action == "list" and self.received())
        return context

    def partial_update(self, request, *args, **kwargs):
        application = self.get_object()
        serializer = StageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = application_move(
            application=application,
            actor=request.user,
            stage=serializer.validated_data["stage"],
            note=serializer.validated_data.get("employer_note"),
        )
        return Response(ApplicationSerializer(application, context=self.get_serializer_context()).data)

    @extend_schema(summary="Download the application's resume", responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def resume(self, request, pk=None):
        application = self.get_object()
        response = FileResponse(
            application.resume.open("rb"), as_attachment=True, filename=resume_filename(application)
        )
        response["Cache-Control"] = "private, no-store"
        return response


class SeekerProfileView(APIView):
    """GET and PATCH /api/v1/me/profile/: the signed-in job seeker's profile (multipart for a resume)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(summary="Your job seeker profile", responses={200: SeekerProfileSerializer})
    def get(self, request):
        profile, _ = SeekerProfile.objects.get_or_create(user=request.user)
        return Response(SeekerProfileSerializer(profile).data)

    @extend_schema(
        summary="Change your job seeker profile",
        request={"application/json": SeekerProfileSerializer, "multipart/form-data": SeekerProfileUploadSerializer},
        responses={200: SeekerProfileSerializer},
    )
    def patch(self, request):
        profile, _ = SeekerProfile.objects.get_or_create(user=request.user)
        multipart = request.content_type.startswith("multipart/")
        if multipart and "languages" in request.data:
            # A form field cannot hold the list of objects; read as a form, it would empty the seeker's languages.
            raise exceptions.ValidationError({"languages": ["Send languages in a JSON request (application/json)."]})
        serializer = SeekerProfileSerializer(profile, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            profile = serializer.save()
        return Response(SeekerProfileSerializer(profile).data)


class SavedJobViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """GET /api/v1/saved-jobs/: the postings you saved, newest first."""

    serializer_class = SavedJobSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []
    queryset = SavedJob.objects.none()

    def get_queryset(self):
        return (
            SavedJob.objects.filter(user=self.request.user, job_posting__in=JobPosting.objects.visible_to_public())
            .select_related("job_posting__employer")
            .prefetch_related(
                "job_posting__skill_requirements__skill",
                "job_posting__language_requirements__language",
                "job_posting__certifications",
            )
        )


SkillViewSet = vocabulary_viewset(Skill, ["slug", "name", "kind"], "CSR skills.")
CertificationViewSet = vocabulary_viewset(Certification, ["slug", "name", "issuer"], "Certifications.")
