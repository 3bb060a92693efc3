"""The tables of veterinary socialized services (DOMAIN.md §7), one module per subject.
H2's subjects (daily reports, meetings, hotline) append their own import lines below."""

from smartvet.vetservice.models.agreements import AgreedPrice, Agreement, AgreementStatus
from smartvet.vetservice.models.catalogue import GuidePrice, Service, ServiceKind

# H2: daily reports, monthly meetings, hotline
from smartvet.vetservice.models.hotline import (
    Channel,
    Clock,
    EntryKind,
    HotlinePolicy,
    HotlineTicket,
    Stage,
    TicketEntry,
    TicketStatus,
    Topic,
)
from smartvet.vetservice.models.meetings import (
    MeetingAttendance,
    MeetingStatus,
    MonthlyMeeting,
)
from smartvet.vetservice.models.orders import (
    AssignmentBasis,
    CaseRecord,
    OrderStatus,
    Payer,
    ServiceOrder,
)
from smartvet.vetservice.models.providers import (
    Assessment,
    Provider,
    ProviderKind,
    Training,
    Vaccinator,
    VaccinatorKind,
)
from smartvet.vetservice.models.reports import (
    DailyReport,
    DailyReportLine,
    LineSource,
    ReportKind,
)
from smartvet.vetservice.models.statements import Statement, StatementLine, StatementStatus

__all__ = [
    "AgreedPrice",
    "Agreement",
    "AgreementStatus",
    "Assessment",
    "AssignmentBasis",
    "CaseRecord",
    "GuidePrice",
    "OrderStatus",
    "Payer",
    "Provider",
    "ProviderKind",
    "Service",
    "ServiceKind",
    "ServiceOrder",
    "Statement",
    "StatementLine",
    "StatementStatus",
    "Training",
    "Vaccinator",
    "VaccinatorKind",
]
# H2
__all__ += [
    "Channel",
    "Clock",
    "DailyReport",
    "DailyReportLine",
    "EntryKind",
    "HotlinePolicy",
    "HotlineTicket",
    "LineSource",
    "MeetingAttendance",
    "MeetingStatus",
    "MonthlyMeeting",
    "ReportKind",
    "Stage",
    "TicketEntry",
    "TicketStatus",
    "Topic",
]
