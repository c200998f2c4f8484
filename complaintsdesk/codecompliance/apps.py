from django.apps import AppConfig


class CodeComplianceConfig(AppConfig):
    name = "complaintsdesk.codecompliance"
    label = "codecompliance"
    verbose_name = "Complaint Handling Code self-assessment"

    def ready(self) -> None:
        # The Code report is not complete while a provision of the year is unanswered.
        from complaintsdesk.codecompliance.completeness import unanswered_provisions
        from complaintsdesk.reporting.annual.completeness import completeness_hook_register

        completeness_hook_register(unanswered_provisions)
