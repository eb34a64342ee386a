package org.vanguard.hub.agreement;

/** The draft agreement the lifecycle and console tests approve: Rosewood Care Home shares with the acute trust. */
public final class DraftAgreements {

    private DraftAgreements() {}

    /** Care home to acute trust, direct care, nobody has approved it yet; the title quoted as given. */
    public static String careHomeToAcute(String id, String title) {
        return """
                id: %s
                version: 1
                title: "%s"
                status: draft
                effective:
                  start: 2020-01-01
                  end: 2099-12-31
                reviewDate: 2027-06-30
                parties:
                  - ods: CH001
                    role: controller
                    signatory: Registered Manager, Rosewood Care Home
                  - ods: RAC
                    role: controller
                    signatory: Caldicott Guardian, Riverside Acute NHS Trust
                purposes:
                  - code: TREAT
                    article6: "6(1)(e) public task"
                    article9: "9(2)(h) health or social care"
                    gateway: implied-consent
                flows:
                  - from: [CH001]
                    to: [RAC]
                    resourceTypes: [Patient, CarePlan]
                    purposes: [TREAT]
                retention:
                  - recipient: RAC
                    period: P8Y
                dpiaReference: DPIA-2026-031 Care home admissions
                """.formatted(id, title.replace("\"", "\\\""));
    }
}
