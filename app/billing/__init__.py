"""The rules of Invoice Batches (DESIGN.md §3) as plain Python over a Session: no Qt, no PDF.

Each name below is imported from its module the first time it is asked for (PEP 562), not when
the package is: every `from app.billing.x import y` imports this package first, and importing
all thirty modules of the rules (with every table they read) cost a command or the window's
start more than most of them then do. `billing.list_batches` and `from app.billing import
BatchRecord` read as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Imported with the package, for what importing them does, whatever is asked for next: every
# engine turns a trigger's refusal into BatchPrinted (R7), and every session refuses to commit
# a change that wrote no audit entry (R20).
from app.billing import printed_lock as _printed_lock
from app.billing.audit import ACTIONS, AuditMissing, not_audited
from app.lazy_names import import_when_asked

if TYPE_CHECKING:
    from app.billing.aging import with_aging
    from app.billing.approval import NotApproved, approve_batch, set_notes, unapprove_batch
    from app.billing.audit_trail import (
        AuditQuery,
        AuditRecord,
        AuditSort,
        audit_users,
        count_audit,
        list_audit,
    )
    from app.billing.batch_aging import with_kept_aging
    from app.billing.batch_states import (
        BatchStateFilter,
        BatchStatus,
        CustomerState,
        DeliveryState,
        PaymentState,
        batch_status,
        find_batches,
        states_of,
        with_states,
    )
    from app.billing.batches import (
        BatchQuery,
        add_customer,
        add_transactions,
        batch_row,
        candidates,
        create_manual_batch,
        delete_batch,
        list_batches,
        remove_customer,
        remove_transactions,
        set_description,
        statement_of,
        summary_of,
    )
    from app.billing.certificates import certificate_fingerprint
    from app.billing.contracts import (
        ContractDraft,
        ContractRecord,
        create_contract,
        delete_contract,
        end_contract,
        get_contract,
        list_contracts,
        skip_period,
        update_contract,
    )
    from app.billing.customers import (
        CustomerDraft,
        CustomerQuery,
        CustomerSort,
        count_customers,
        create_customer,
        customer_by_number,
        delete_customer,
        get_customer,
        list_customers,
        update_customer,
    )
    from app.billing.errors import (
        BatchPrinted,
        BillingError,
        ChangedWhilePrinting,
        FieldProblem,
        InUse,
        InvalidInput,
        NotEligible,
        NotFound,
        NothingToInclude,
    )
    from app.billing.generation import (
        GenerationPreview,
        GenerationRequest,
        LeftOut,
        LeftOutKind,
        create_opening_batch,
        generate_batch,
        preview_generation,
    )
    from app.billing.importers import IMPORTERS
    from app.billing.imports import ImportResult, import_customers, import_transactions
    from app.billing.lines import (
        LineDraft,
        LineRecord,
        line_amount,
        line_tax,
        line_totals,
        parse_quantity,
        percent_text,
        quantity_text,
    )
    from app.billing.money import ZERO, format_amount, money, parse_amount
    from app.billing.printing import PrintJob, begin_print, original_print, record_print
    from app.billing.records import (
        Aging,
        BatchRecord,
        BatchStatement,
        BatchSummary,
        CustomerRecord,
        CustomerStatement,
        CustomerSummary,
        StatementFigures,
        TransactionRecord,
    )
    from app.billing.recurring import (
        BilledMeanwhile,
        ChargeLine,
        NotReady,
        PartPeriodCredit,
        RecurringInvoice,
        RecurringRequest,
        RecurringRun,
        bill_recurring,
        plan_recurring,
    )
    from app.billing.run_due import (
        DueBatch,
        RunDueRequest,
        RunDueResult,
        last_run_through,
        preview_run_due,
        run_due,
    )
    from app.billing.service_types import (
        ServiceTypeDraft,
        ServiceTypeRecord,
        create_service_type,
        delete_service_type,
        list_service_types,
        update_service_type,
    )
    from app.billing.settings import (
        SETTING_KEYS,
        CompanySettings,
        CreditMethod,
        Envelope,
        load_settings,
        save_settings,
        set_setting,
        setting_summary,
        setting_text,
    )
    from app.billing.transactions import (
        TransactionDraft,
        TransactionQuery,
        TransactionSort,
        count_transactions,
        create_transaction,
        customer_tax_rate,
        delete_transaction,
        get_transaction,
        list_transactions,
        transaction_lines,
        update_transaction,
    )
    from app.billing.work import (
        UnbilledCustomer,
        WorkDraft,
        WorkQuery,
        WorkRecord,
        WorkSort,
        count_work,
        create_work,
        delete_work,
        get_work,
        list_work,
        unbilled_by_customer,
        update_work,
    )
    from app.billing.work_invoicing import (
        PlannedLine,
        WorkClaimedMeanwhile,
        WorkInvoice,
        WorkInvoiceRequest,
        invoice_work,
        nothing_to_invoice,
        preview_work_invoices,
    )
    from app.models import BatchKind, Billing, Delivery, TransactionType


# The module each other name of __all__ is imported from when first asked for (app/lazy_names.py).
_HOMES: dict[str, str] = {
    "app.billing.aging": "with_aging",
    "app.billing.approval": "NotApproved approve_batch set_notes unapprove_batch",
    "app.billing.audit_trail": (
        "AuditQuery AuditRecord AuditSort audit_users count_audit list_audit"
    ),
    "app.billing.batch_aging": "with_kept_aging",
    "app.billing.batch_states": (
        "BatchStateFilter BatchStatus CustomerState DeliveryState PaymentState "
        "batch_status find_batches states_of with_states"
    ),
    "app.billing.batches": (
        "BatchQuery add_customer add_transactions batch_row candidates "
        "create_manual_batch delete_batch list_batches remove_customer "
        "remove_transactions set_description statement_of summary_of"
    ),
    "app.billing.certificates": "certificate_fingerprint",
    "app.billing.contracts": (
        "ContractDraft ContractRecord create_contract delete_contract end_contract "
        "get_contract list_contracts skip_period update_contract"
    ),
    "app.billing.customers": (
        "CustomerDraft CustomerQuery CustomerSort count_customers create_customer "
        "customer_by_number delete_customer get_customer list_customers update_customer"
    ),
    "app.billing.errors": (
        "BatchPrinted BillingError ChangedWhilePrinting FieldProblem InUse InvalidInput "
        "NotEligible NotFound NothingToInclude"
    ),
    "app.billing.generation": (
        "GenerationPreview GenerationRequest LeftOut LeftOutKind create_opening_batch "
        "generate_batch preview_generation"
    ),
    "app.billing.importers": "IMPORTERS",
    "app.billing.imports": "ImportResult import_customers import_transactions",
    "app.billing.lines": (
        "LineDraft LineRecord line_amount line_tax line_totals parse_quantity "
        "percent_text quantity_text"
    ),
    "app.billing.money": "ZERO format_amount money parse_amount",
    "app.billing.printing": "PrintJob begin_print original_print record_print",
    "app.billing.records": (
        "Aging BatchRecord BatchStatement BatchSummary CustomerRecord CustomerStatement "
        "CustomerSummary StatementFigures TransactionRecord"
    ),
    "app.billing.recurring": (
        "BilledMeanwhile ChargeLine NotReady PartPeriodCredit RecurringInvoice "
        "RecurringRequest RecurringRun bill_recurring plan_recurring"
    ),
    "app.billing.run_due": (
        "DueBatch RunDueRequest RunDueResult last_run_through preview_run_due run_due"
    ),
    "app.billing.service_types": (
        "ServiceTypeDraft ServiceTypeRecord create_service_type delete_service_type "
        "list_service_types update_service_type"
    ),
    "app.billing.settings": (
        "SETTING_KEYS CompanySettings CreditMethod Envelope load_settings save_settings "
        "set_setting setting_summary setting_text"
    ),
    "app.billing.transactions": (
        "TransactionDraft TransactionQuery TransactionSort count_transactions "
        "create_transaction customer_tax_rate delete_transaction get_transaction "
        "list_transactions transaction_lines update_transaction"
    ),
    "app.billing.work": (
        "UnbilledCustomer WorkDraft WorkQuery WorkRecord WorkSort count_work create_work "
        "delete_work get_work list_work unbilled_by_customer update_work"
    ),
    "app.billing.work_invoicing": (
        "PlannedLine WorkClaimedMeanwhile WorkInvoice WorkInvoiceRequest invoice_work "
        "nothing_to_invoice preview_work_invoices"
    ),
    "app.models": "BatchKind Billing Delivery TransactionType",
}
import_when_asked(__name__, _HOMES)

__all__ = [
    "ACTIONS",
    "IMPORTERS",
    "SETTING_KEYS",
    "ZERO",
    "Aging",
    "AuditMissing",
    "AuditQuery",
    "AuditRecord",
    "AuditSort",
    "BatchKind",
    "BatchPrinted",
    "BatchQuery",
    "BatchRecord",
    "BatchStateFilter",
    "BatchStatement",
    "BatchStatus",
    "BatchSummary",
    "BilledMeanwhile",
    "Billing",
    "BillingError",
    "ChangedWhilePrinting",
    "ChargeLine",
    "CompanySettings",
    "ContractDraft",
    "ContractRecord",
    "CreditMethod",
    "CustomerDraft",
    "CustomerQuery",
    "CustomerRecord",
    "CustomerSort",
    "CustomerState",
    "CustomerStatement",
    "CustomerSummary",
    "Delivery",
    "DeliveryState",
    "DueBatch",
    "Envelope",
    "FieldProblem",
    "GenerationPreview",
    "GenerationRequest",
    "ImportResult",
    "InUse",
    "InvalidInput",
    "LeftOut",
    "LeftOutKind",
    "LineDraft",
    "LineRecord",
    "NotApproved",
    "NotEligible",
    "NotFound",
    "NotReady",
    "NothingToInclude",
    "PartPeriodCredit",
    "PaymentState",
    "PlannedLine",
    "PrintJob",
    "RecurringInvoice",
    "RecurringRequest",
    "RecurringRun",
    "RunDueRequest",
    "RunDueResult",
    "ServiceTypeDraft",
    "ServiceTypeRecord",
    "StatementFigures",
    "TransactionDraft",
    "TransactionQuery",
    "TransactionRecord",
    "TransactionSort",
    "TransactionType",
    "UnbilledCustomer",
    "WorkClaimedMeanwhile",
    "WorkDraft",
    "WorkInvoice",
    "WorkInvoiceRequest",
    "WorkQuery",
    "WorkRecord",
    "WorkSort",
    "_printed_lock",
    "add_customer",
    "add_transactions",
    "approve_batch",
    "audit_users",
    "batch_row",
    "batch_status",
    "begin_print",
    "bill_recurring",
    "candidates",
    "certificate_fingerprint",
    "count_audit",
    "count_customers",
    "count_transactions",
    "count_work",
    "create_contract",
    "create_customer",
    "create_manual_batch",
    "create_opening_batch",
    "create_service_type",
    "create_transaction",
    "create_work",
    "customer_by_number",
    "customer_tax_rate",
    "delete_batch",
    "delete_contract",
    "delete_customer",
    "delete_service_type",
    "delete_transaction",
    "delete_work",
    "end_contract",
    "find_batches",
    "format_amount",
    "generate_batch",
    "get_contract",
    "get_customer",
    "get_transaction",
    "get_work",
    "import_customers",
    "import_transactions",
    "invoice_work",
    "last_run_through",
    "line_amount",
    "line_tax",
    "line_totals",
    "list_audit",
    "list_batches",
    "list_contracts",
    "list_customers",
    "list_service_types",
    "list_transactions",
    "list_work",
    "load_settings",
    "money",
    "not_audited",
    "nothing_to_invoice",
    "original_print",
    "parse_amount",
    "parse_quantity",
    "percent_text",
    "plan_recurring",
    "preview_generation",
    "preview_run_due",
    "preview_work_invoices",
    "quantity_text",
    "record_print",
    "remove_customer",
    "remove_transactions",
    "run_due",
    "save_settings",
    "set_description",
    "set_notes",
    "set_setting",
    "setting_summary",
    "setting_text",
    "skip_period",
    "statement_of",
    "states_of",
    "summary_of",
    "transaction_lines",
    "unapprove_batch",
    "unbilled_by_customer",
    "update_contract",
    "update_customer",
    "update_service_type",
    "update_transaction",
    "update_work",
    "with_aging",
    "with_kept_aging",
    "with_states",
]
