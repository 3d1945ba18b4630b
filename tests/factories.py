"""Every factory in one import for the tests: `from tests.factories import PublishedVendorFactory`."""

from demo.factories.accounts import (
    CuratorFactory,
    SeekerFactory,
    SuperuserFactory,
    UnconfirmedUserFactory,
    UserFactory,
    VerifiedUserFactory,
)
from demo.factories.directory import (
    ArchivedVendorFactory,
    BpoEmployerFactory,
    DeliveryCenterFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PendingVendorFactory,
    PublishedVendorFactory,
    RejectedVendorFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
    WithdrawnJobPostingFactory,
)

__all__ = [
    "ArchivedVendorFactory",
    "BpoEmployerFactory",
    "ClosedJobPostingFactory",
    "CuratorFactory",
    "DeliveryCenterFactory",
    "EmployerFactory",
    "EmployerMembershipFactory",
    "ExpiredJobPostingFactory",
    "JobPostingFactory",
    "PendingJobPostingFactory",
    "PendingVendorFactory",
    "PublishedJobPostingFactory",
    "PublishedVendorFactory",
    "RejectedJobPostingFactory",
    "RejectedVendorFactory",
    "SeekerFactory",
    "SuperuserFactory",
    "UnconfirmedUserFactory",
    "UserFactory",
    "VendorFactory",
    "VendorMembershipFactory",
    "VerifiedUserFactory",
    "WithdrawnJobPostingFactory",
]
