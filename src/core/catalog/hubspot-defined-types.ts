// The HubSpot-defined association types: the same ids in every portal, one row per direction.

/** One HubSpot-defined association type, in one direction. */
export interface HubSpotDefinedType {
  readonly typeId: number;
  /** Object type id of the source record, e.g. '0-1'. */
  readonly from: string;
  /** Object type id of the target record. */
  readonly to: string;
  /** Label text, or null for the unlabeled ("default") type of the pair. */
  readonly label: string | null;
  /** Type id of the opposite direction, or null where HubSpot publishes none. */
  readonly inverseTypeId: number | null;
  /** True for Primary types (a record has at most one primary target through it). */
  readonly isPrimary?: true;
  /** Name used by the v3 API, e.g. 'contact_to_company' (Primary), 'contact_to_company_unlabeled'. */
  readonly v3Name: string;
}

const CONTACT = '0-1';
const COMPANY = '0-2';
const DEAL = '0-3';
const TICKET = '0-5';
const LINE_ITEM = '0-8';
const QUOTE = '0-14';
const COMMUNICATION = '0-18';
const FEEDBACK_SUBMISSION = '0-19';
const TASK = '0-27';
const NOTE = '0-46';
const MEETING = '0-47';
const CALL = '0-48';
const EMAIL = '0-49';
const INVOICE = '0-53';
const MARKETING_EVENT = '0-54';
const SUBSCRIPTION = '0-69';
const GOAL = '0-74';
const DISCOUNT = '0-84';
const FEE = '0-85';
const TAX = '0-86';
const PAYMENT = '0-101';
const POSTAL_MAIL = '0-116';
const ORDER = '0-123';
const LEAD = '0-136';
const CART = '0-142';
const SERVICE = '0-162';
const COURSE = '0-410';
const LISTING = '0-420';
const APPOINTMENT = '0-421';
const PROJECT = '0-970';

// Labelled rows carry the role of the record the label describes, in sentence case; Primary rows carry 'Primary'.
// prettier-ignore
export const HUBSPOT_DEFINED_TYPES: readonly HubSpotDefinedType[] = [
  // Company to object
  { typeId: 450,  from: COMPANY,             to: COMPANY,             label: null,                 inverseTypeId: 450,                   v3Name: 'company_to_company' },
  // Parent/child companies: the label names the target company's role.
  { typeId: 14,   from: COMPANY,             to: COMPANY,             label: 'Parent company',     inverseTypeId: 13,                    v3Name: 'child_to_parent_company' },
  { typeId: 13,   from: COMPANY,             to: COMPANY,             label: 'Child company',      inverseTypeId: 14,                    v3Name: 'parent_to_child_company' },
  { typeId: 280,  from: COMPANY,             to: CONTACT,             label: null,                 inverseTypeId: 279,                   v3Name: 'company_to_contact_unlabeled' },
  { typeId: 2,    from: COMPANY,             to: CONTACT,             label: 'Primary',            inverseTypeId: 1,    isPrimary: true, v3Name: 'company_to_contact' },
  // Billing contact: the label names the contact's role, seen from either side.
  { typeId: 930,  from: COMPANY,             to: CONTACT,             label: 'Billing contact',    inverseTypeId: 931,                   v3Name: 'company_to_billing_contact' },
  { typeId: 342,  from: COMPANY,             to: DEAL,                label: null,                 inverseTypeId: 341,                   v3Name: 'company_to_deal_unlabeled' },
  { typeId: 6,    from: COMPANY,             to: DEAL,                label: 'Primary',            inverseTypeId: 5,    isPrimary: true, v3Name: 'company_to_deal' },
  { typeId: 340,  from: COMPANY,             to: TICKET,              label: null,                 inverseTypeId: 339,                   v3Name: 'company_to_ticket_unlabeled' },
  { typeId: 25,   from: COMPANY,             to: TICKET,              label: 'Primary',            inverseTypeId: 26,   isPrimary: true, v3Name: 'company_to_ticket' },
  { typeId: 181,  from: COMPANY,             to: CALL,                label: null,                 inverseTypeId: 182,                   v3Name: 'company_to_call' },
  { typeId: 185,  from: COMPANY,             to: EMAIL,               label: null,                 inverseTypeId: 186,                   v3Name: 'company_to_email' },
  { typeId: 611,  from: COMPANY,             to: LEAD,                label: null,                 inverseTypeId: 610,                   v3Name: 'company_to_lead' },
  { typeId: 187,  from: COMPANY,             to: MEETING,             label: null,                 inverseTypeId: 188,                   v3Name: 'company_to_meeting_event' },
  { typeId: 189,  from: COMPANY,             to: NOTE,                label: null,                 inverseTypeId: 190,                   v3Name: 'company_to_note' },
  { typeId: 191,  from: COMPANY,             to: TASK,                label: null,                 inverseTypeId: 192,                   v3Name: 'company_to_task' },
  { typeId: 88,   from: COMPANY,             to: COMMUNICATION,       label: null,                 inverseTypeId: 87,                    v3Name: 'company_to_communication' },
  { typeId: 460,  from: COMPANY,             to: POSTAL_MAIL,         label: null,                 inverseTypeId: 459,                   v3Name: 'company_to_postal_mail' },
  { typeId: 180,  from: COMPANY,             to: INVOICE,             label: null,                 inverseTypeId: 179,                   v3Name: 'company_to_invoice' },
  { typeId: 935,  from: COMPANY,             to: ORDER,               label: null,                 inverseTypeId: 934,                   v3Name: 'company_to_order_unlabeled' },
  { typeId: 510,  from: COMPANY,             to: ORDER,               label: 'Primary',            inverseTypeId: 509,  isPrimary: true, v3Name: 'company_to_order' },
  { typeId: 390,  from: COMPANY,             to: PAYMENT,             label: null,                 inverseTypeId: 389,                   v3Name: 'company_to_commerce_payment' },
  { typeId: 72,   from: COMPANY,             to: QUOTE,               label: null,                 inverseTypeId: 71,                    v3Name: 'company_to_quote' },
  // Billing company: the label names the company's role, seen from either side.
  { typeId: 1335, from: COMPANY,             to: QUOTE,               label: 'Billing company',    inverseTypeId: 1334,                  v3Name: 'billing_company_to_quote' },
  { typeId: 298,  from: COMPANY,             to: SUBSCRIPTION,        label: null,                 inverseTypeId: 297,                   v3Name: 'company_to_subscription' },
  { typeId: 909,  from: COMPANY,             to: APPOINTMENT,         label: null,                 inverseTypeId: 908,                   v3Name: 'company_to_appointment' },
  { typeId: 939,  from: COMPANY,             to: COURSE,              label: null,                 inverseTypeId: 938,                   v3Name: 'company_to_course' },
  { typeId: 885,  from: COMPANY,             to: LISTING,             label: null,                 inverseTypeId: 884,                   v3Name: 'company_to_listing' },
  { typeId: 793,  from: COMPANY,             to: SERVICE,             label: null,                 inverseTypeId: 792,                   v3Name: 'company_to_service' },
  { typeId: 929,  from: COMPANY,             to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 928,                   v3Name: 'company_to_feedback_submission' },
  { typeId: 1237, from: COMPANY,             to: PROJECT,             label: null,                 inverseTypeId: 1236,                  v3Name: 'company_to_project' },

  // Contact to object
  { typeId: 449,  from: CONTACT,             to: CONTACT,             label: null,                 inverseTypeId: 449,                   v3Name: 'contact_to_contact' },
  { typeId: 279,  from: CONTACT,             to: COMPANY,             label: null,                 inverseTypeId: 280,                   v3Name: 'contact_to_company_unlabeled' },
  { typeId: 1,    from: CONTACT,             to: COMPANY,             label: 'Primary',            inverseTypeId: 2,    isPrimary: true, v3Name: 'contact_to_company' },
  { typeId: 931,  from: CONTACT,             to: COMPANY,             label: 'Billing contact',    inverseTypeId: 930,                   v3Name: 'billing_contact_to_company' },
  { typeId: 4,    from: CONTACT,             to: DEAL,                label: null,                 inverseTypeId: 3,                     v3Name: 'contact_to_deal' },
  { typeId: 15,   from: CONTACT,             to: TICKET,              label: null,                 inverseTypeId: 16,                    v3Name: 'contact_to_ticket' },
  { typeId: 193,  from: CONTACT,             to: CALL,                label: null,                 inverseTypeId: 194,                   v3Name: 'contact_to_call' },
  { typeId: 197,  from: CONTACT,             to: EMAIL,               label: null,                 inverseTypeId: 198,                   v3Name: 'contact_to_email' },
  { typeId: 199,  from: CONTACT,             to: MEETING,             label: null,                 inverseTypeId: 200,                   v3Name: 'contact_to_meeting_event' },
  { typeId: 201,  from: CONTACT,             to: NOTE,                label: null,                 inverseTypeId: 202,                   v3Name: 'contact_to_note' },
  { typeId: 203,  from: CONTACT,             to: TASK,                label: null,                 inverseTypeId: 204,                   v3Name: 'contact_to_task' },
  { typeId: 82,   from: CONTACT,             to: COMMUNICATION,       label: null,                 inverseTypeId: 81,                    v3Name: 'contact_to_communication' },
  { typeId: 454,  from: CONTACT,             to: POSTAL_MAIL,         label: null,                 inverseTypeId: 453,                   v3Name: 'contact_to_postal_mail' },
  { typeId: 587,  from: CONTACT,             to: CART,                label: null,                 inverseTypeId: 586,                   v3Name: 'contact_to_cart' },
  { typeId: 508,  from: CONTACT,             to: ORDER,               label: null,                 inverseTypeId: 507,                   v3Name: 'contact_to_order' },
  { typeId: 178,  from: CONTACT,             to: INVOICE,             label: null,                 inverseTypeId: 177,                   v3Name: 'contact_to_invoice' },
  { typeId: 388,  from: CONTACT,             to: PAYMENT,             label: null,                 inverseTypeId: 387,                   v3Name: 'contact_to_commerce_payment' },
  { typeId: 296,  from: CONTACT,             to: SUBSCRIPTION,        label: null,                 inverseTypeId: 295,                   v3Name: 'contact_to_subscription' },
  { typeId: 907,  from: CONTACT,             to: APPOINTMENT,         label: null,                 inverseTypeId: 906,                   v3Name: 'contact_to_appointment' },
  { typeId: 861,  from: CONTACT,             to: COURSE,              label: null,                 inverseTypeId: 860,                   v3Name: 'contact_to_course' },
  { typeId: 883,  from: CONTACT,             to: LISTING,             label: null,                 inverseTypeId: 882,                   v3Name: 'contact_to_listing' },
  { typeId: 799,  from: CONTACT,             to: SERVICE,             label: null,                 inverseTypeId: 798,                   v3Name: 'contact_to_service' },
  { typeId: 97,   from: CONTACT,             to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 98,                    v3Name: 'contact_to_feedback_submission' },
  { typeId: 1243, from: CONTACT,             to: PROJECT,             label: null,                 inverseTypeId: 1242,                  v3Name: 'contact_to_project' },
  { typeId: 609,  from: CONTACT,             to: LEAD,                label: null,                 inverseTypeId: 608,                   v3Name: 'contact_to_lead' },
  { typeId: 70,   from: CONTACT,             to: QUOTE,               label: null,                 inverseTypeId: 69,                    v3Name: 'contact_to_quote' },
  // Signer and billing contacts of a quote: the label names the contact's role, seen from either side.
  { typeId: 703,  from: CONTACT,             to: QUOTE,               label: 'Signer contact',     inverseTypeId: 702,                   v3Name: 'signer_contact_to_quote' },
  { typeId: 1227, from: CONTACT,             to: QUOTE,               label: 'Billing contact',    inverseTypeId: 1226,                  v3Name: 'billing_contact_to_quote' },

  // Deal to object
  { typeId: 451,  from: DEAL,                to: DEAL,                label: null,                 inverseTypeId: 451,                   v3Name: 'deal_to_deal' },
  { typeId: 3,    from: DEAL,                to: CONTACT,             label: null,                 inverseTypeId: 4,                     v3Name: 'deal_to_contact' },
  { typeId: 341,  from: DEAL,                to: COMPANY,             label: null,                 inverseTypeId: 342,                   v3Name: 'deal_to_company_unlabeled' },
  { typeId: 5,    from: DEAL,                to: COMPANY,             label: 'Primary',            inverseTypeId: 6,    isPrimary: true, v3Name: 'deal_to_company' },
  { typeId: 27,   from: DEAL,                to: TICKET,              label: null,                 inverseTypeId: 28,                    v3Name: 'deal_to_ticket' },
  { typeId: 205,  from: DEAL,                to: CALL,                label: null,                 inverseTypeId: 206,                   v3Name: 'deal_to_call' },
  { typeId: 1038, from: DEAL,                to: LEAD,                label: null,                 inverseTypeId: 1037,                  v3Name: 'deal_to_lead_unlabeled' },
  { typeId: 583,  from: DEAL,                to: LEAD,                label: 'Primary',            inverseTypeId: 582,  isPrimary: true, v3Name: 'deal_to_lead' },
  { typeId: 209,  from: DEAL,                to: EMAIL,               label: null,                 inverseTypeId: 210,                   v3Name: 'deal_to_email' },
  { typeId: 1357, from: DEAL,                to: GOAL,                label: null,                 inverseTypeId: 1356,                  v3Name: 'deal_to_goal_target' },
  { typeId: 211,  from: DEAL,                to: MEETING,             label: null,                 inverseTypeId: 212,                   v3Name: 'deal_to_meeting_event' },
  { typeId: 213,  from: DEAL,                to: NOTE,                label: null,                 inverseTypeId: 214,                   v3Name: 'deal_to_note' },
  { typeId: 215,  from: DEAL,                to: TASK,                label: null,                 inverseTypeId: 216,                   v3Name: 'deal_to_task' },
  { typeId: 86,   from: DEAL,                to: COMMUNICATION,       label: null,                 inverseTypeId: 85,                    v3Name: 'deal_to_communication' },
  { typeId: 458,  from: DEAL,                to: POSTAL_MAIL,         label: null,                 inverseTypeId: 457,                   v3Name: 'deal_to_postal_mail' },
  { typeId: 19,   from: DEAL,                to: LINE_ITEM,           label: null,                 inverseTypeId: 20,                    v3Name: 'deal_to_line_item' },
  { typeId: 1346, from: DEAL,                to: CART,                label: null,                 inverseTypeId: 1347,                  v3Name: 'deal_to_cart' },
  { typeId: 176,  from: DEAL,                to: INVOICE,             label: null,                 inverseTypeId: 175,                   v3Name: 'deal_to_invoice' },
  { typeId: 511,  from: DEAL,                to: ORDER,               label: null,                 inverseTypeId: 512,                   v3Name: 'deal_to_order' },
  { typeId: 392,  from: DEAL,                to: PAYMENT,             label: null,                 inverseTypeId: 391,                   v3Name: 'deal_to_commerce_payment' },
  { typeId: 63,   from: DEAL,                to: QUOTE,               label: null,                 inverseTypeId: 64,                    v3Name: 'deal_to_quote' },
  { typeId: 300,  from: DEAL,                to: SUBSCRIPTION,        label: null,                 inverseTypeId: 299,                   v3Name: 'deal_to_subscription' },
  { typeId: 945,  from: DEAL,                to: APPOINTMENT,         label: null,                 inverseTypeId: 944,                   v3Name: 'deal_to_appointment' },
  { typeId: 863,  from: DEAL,                to: COURSE,              label: null,                 inverseTypeId: 862,                   v3Name: 'deal_to_course' },
  { typeId: 887,  from: DEAL,                to: LISTING,             label: null,                 inverseTypeId: 886,                   v3Name: 'deal_to_listing' },
  { typeId: 795,  from: DEAL,                to: SERVICE,             label: null,                 inverseTypeId: 794,                   v3Name: 'deal_to_service' },
  { typeId: 985,  from: DEAL,                to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 984,                   v3Name: 'deal_to_feedback_submission' },
  { typeId: 1239, from: DEAL,                to: PROJECT,             label: null,                 inverseTypeId: 1238,                  v3Name: 'deal_to_project' },

  // Ticket to object
  { typeId: 452,  from: TICKET,              to: TICKET,              label: null,                 inverseTypeId: 452,                   v3Name: 'ticket_to_ticket' },
  { typeId: 16,   from: TICKET,              to: CONTACT,             label: null,                 inverseTypeId: 15,                    v3Name: 'ticket_to_contact' },
  { typeId: 339,  from: TICKET,              to: COMPANY,             label: null,                 inverseTypeId: 340,                   v3Name: 'ticket_to_company_unlabeled' },
  { typeId: 26,   from: TICKET,              to: COMPANY,             label: 'Primary',            inverseTypeId: 25,   isPrimary: true, v3Name: 'ticket_to_company' },
  { typeId: 28,   from: TICKET,              to: DEAL,                label: null,                 inverseTypeId: 27,                    v3Name: 'ticket_to_deal' },
  { typeId: 219,  from: TICKET,              to: CALL,                label: null,                 inverseTypeId: 220,                   v3Name: 'ticket_to_call' },
  { typeId: 223,  from: TICKET,              to: EMAIL,               label: null,                 inverseTypeId: 224,                   v3Name: 'ticket_to_email' },
  { typeId: 225,  from: TICKET,              to: MEETING,             label: null,                 inverseTypeId: 226,                   v3Name: 'ticket_to_meeting_event' },
  { typeId: 227,  from: TICKET,              to: NOTE,                label: null,                 inverseTypeId: 228,                   v3Name: 'ticket_to_note' },
  { typeId: 229,  from: TICKET,              to: TASK,                label: null,                 inverseTypeId: 230,                   v3Name: 'ticket_to_task' },
  { typeId: 84,   from: TICKET,              to: COMMUNICATION,       label: null,                 inverseTypeId: 83,                    v3Name: 'ticket_to_communication' },
  { typeId: 456,  from: TICKET,              to: POSTAL_MAIL,         label: null,                 inverseTypeId: 455,                   v3Name: 'ticket_to_postal_mail' },
  { typeId: 526,  from: TICKET,              to: ORDER,               label: null,                 inverseTypeId: 525,                   v3Name: 'ticket_to_order' },
  { typeId: 947,  from: TICKET,              to: APPOINTMENT,         label: null,                 inverseTypeId: 946,                   v3Name: 'ticket_to_appointment' },
  { typeId: 941,  from: TICKET,              to: COURSE,              label: null,                 inverseTypeId: 940,                   v3Name: 'ticket_to_course' },
  { typeId: 943,  from: TICKET,              to: LISTING,             label: null,                 inverseTypeId: 942,                   v3Name: 'ticket_to_listing' },
  { typeId: 797,  from: TICKET,              to: SERVICE,             label: null,                 inverseTypeId: 796,                   v3Name: 'ticket_to_service' },
  { typeId: 1122, from: TICKET,              to: SUBSCRIPTION,        label: null,                 inverseTypeId: 1121,                  v3Name: 'ticket_to_subscription' },
  { typeId: 1355, from: TICKET,              to: PAYMENT,             label: null,                 inverseTypeId: 1354,                  v3Name: 'ticket_to_commerce_payment' },
  { typeId: 99,   from: TICKET,              to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 100,                   v3Name: 'ticket_to_feedback_submission' },
  { typeId: 1241, from: TICKET,              to: PROJECT,             label: null,                 inverseTypeId: 1240,                  v3Name: 'ticket_to_project' },

  // Lead to object
  { typeId: 608,  from: LEAD,                to: CONTACT,             label: null,                 inverseTypeId: 609,                   v3Name: 'lead_to_contact_unlabeled' },
  { typeId: 578,  from: LEAD,                to: CONTACT,             label: 'Primary',            inverseTypeId: null, isPrimary: true, v3Name: 'lead_to_contact' },
  { typeId: 610,  from: LEAD,                to: COMPANY,             label: null,                 inverseTypeId: 611,                   v3Name: 'lead_to_company_unlabeled' },
  { typeId: 580,  from: LEAD,                to: COMPANY,             label: 'Primary',            inverseTypeId: null, isPrimary: true, v3Name: 'lead_to_company' },
  { typeId: 1037, from: LEAD,                to: DEAL,                label: null,                 inverseTypeId: 1038,                  v3Name: 'lead_to_deal_unlabeled' },
  { typeId: 582,  from: LEAD,                to: DEAL,                label: 'Primary',            inverseTypeId: 583,  isPrimary: true, v3Name: 'lead_to_deal' },
  { typeId: 596,  from: LEAD,                to: CALL,                label: null,                 inverseTypeId: 597,                   v3Name: 'lead_to_call' },
  { typeId: 598,  from: LEAD,                to: EMAIL,               label: null,                 inverseTypeId: null,                  v3Name: 'lead_to_email' },
  { typeId: 600,  from: LEAD,                to: MEETING,             label: null,                 inverseTypeId: 601,                   v3Name: 'lead_to_meeting_event' },
  { typeId: 854,  from: LEAD,                to: NOTE,                label: null,                 inverseTypeId: 855,                   v3Name: 'lead_to_note' },
  { typeId: 646,  from: LEAD,                to: TASK,                label: null,                 inverseTypeId: 647,                   v3Name: 'lead_to_task' },
  { typeId: 602,  from: LEAD,                to: COMMUNICATION,       label: null,                 inverseTypeId: 603,                   v3Name: 'lead_to_communication' },
  { typeId: 1162, from: LEAD,                to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1161,                  v3Name: 'lead_to_feedback_submission' },

  // Appointment to object
  { typeId: 906,  from: APPOINTMENT,         to: CONTACT,             label: null,                 inverseTypeId: 907,                   v3Name: 'appointment_to_contact' },
  { typeId: 908,  from: APPOINTMENT,         to: COMPANY,             label: null,                 inverseTypeId: 909,                   v3Name: 'appointment_to_company' },
  { typeId: 944,  from: APPOINTMENT,         to: DEAL,                label: null,                 inverseTypeId: 945,                   v3Name: 'appointment_to_deal' },
  { typeId: 946,  from: APPOINTMENT,         to: TICKET,              label: null,                 inverseTypeId: 947,                   v3Name: 'appointment_to_ticket' },
  { typeId: 912,  from: APPOINTMENT,         to: CALL,                label: null,                 inverseTypeId: 913,                   v3Name: 'appointment_to_call' },
  { typeId: 916,  from: APPOINTMENT,         to: EMAIL,               label: null,                 inverseTypeId: 917,                   v3Name: 'appointment_to_email' },
  { typeId: 918,  from: APPOINTMENT,         to: MEETING,             label: null,                 inverseTypeId: 919,                   v3Name: 'appointment_to_meeting_event' },
  { typeId: 920,  from: APPOINTMENT,         to: NOTE,                label: null,                 inverseTypeId: 921,                   v3Name: 'appointment_to_note' },
  { typeId: 922,  from: APPOINTMENT,         to: TASK,                label: null,                 inverseTypeId: 923,                   v3Name: 'appointment_to_task' },
  { typeId: 924,  from: APPOINTMENT,         to: COMMUNICATION,       label: null,                 inverseTypeId: 925,                   v3Name: 'appointment_to_communication' },
  { typeId: 926,  from: APPOINTMENT,         to: POSTAL_MAIL,         label: null,                 inverseTypeId: 927,                   v3Name: 'appointment_to_postal_mail' },
  { typeId: 1325, from: APPOINTMENT,         to: PROJECT,             label: null,                 inverseTypeId: 1324,                  v3Name: 'appointment_to_project' },

  // Goal to object
  { typeId: 1356, from: GOAL,                to: DEAL,                label: null,                 inverseTypeId: 1357,                  v3Name: 'goal_target_to_deal' },

  // Course to object
  { typeId: 860,  from: COURSE,              to: CONTACT,             label: null,                 inverseTypeId: 861,                   v3Name: 'course_to_contact' },
  { typeId: 938,  from: COURSE,              to: COMPANY,             label: null,                 inverseTypeId: 939,                   v3Name: 'course_to_company' },
  { typeId: 862,  from: COURSE,              to: DEAL,                label: null,                 inverseTypeId: 863,                   v3Name: 'course_to_deal' },
  { typeId: 940,  from: COURSE,              to: TICKET,              label: null,                 inverseTypeId: 941,                   v3Name: 'course_to_ticket' },
  { typeId: 866,  from: COURSE,              to: CALL,                label: null,                 inverseTypeId: 867,                   v3Name: 'course_to_call' },
  { typeId: 870,  from: COURSE,              to: EMAIL,               label: null,                 inverseTypeId: 871,                   v3Name: 'course_to_email' },
  { typeId: 872,  from: COURSE,              to: MEETING,             label: null,                 inverseTypeId: 873,                   v3Name: 'course_to_meeting_event' },
  { typeId: 874,  from: COURSE,              to: NOTE,                label: null,                 inverseTypeId: 875,                   v3Name: 'course_to_note' },
  { typeId: 876,  from: COURSE,              to: TASK,                label: null,                 inverseTypeId: 877,                   v3Name: 'course_to_task' },
  { typeId: 878,  from: COURSE,              to: COMMUNICATION,       label: null,                 inverseTypeId: 879,                   v3Name: 'course_to_communication' },
  { typeId: 880,  from: COURSE,              to: POSTAL_MAIL,         label: null,                 inverseTypeId: 881,                   v3Name: 'course_to_postal_mail' },
  { typeId: 1323, from: COURSE,              to: PROJECT,             label: null,                 inverseTypeId: 1322,                  v3Name: 'course_to_project' },

  // Listing to object
  { typeId: 882,  from: LISTING,             to: CONTACT,             label: null,                 inverseTypeId: 883,                   v3Name: 'listing_to_contact' },
  { typeId: 884,  from: LISTING,             to: COMPANY,             label: null,                 inverseTypeId: 885,                   v3Name: 'listing_to_company' },
  { typeId: 886,  from: LISTING,             to: DEAL,                label: null,                 inverseTypeId: 887,                   v3Name: 'listing_to_deal' },
  { typeId: 942,  from: LISTING,             to: TICKET,              label: null,                 inverseTypeId: 943,                   v3Name: 'listing_to_ticket' },
  { typeId: 890,  from: LISTING,             to: CALL,                label: null,                 inverseTypeId: 891,                   v3Name: 'listing_to_call' },
  { typeId: 894,  from: LISTING,             to: EMAIL,               label: null,                 inverseTypeId: 895,                   v3Name: 'listing_to_email' },
  { typeId: 896,  from: LISTING,             to: MEETING,             label: null,                 inverseTypeId: 897,                   v3Name: 'listing_to_meeting_event' },
  { typeId: 898,  from: LISTING,             to: NOTE,                label: null,                 inverseTypeId: 899,                   v3Name: 'listing_to_note' },
  { typeId: 900,  from: LISTING,             to: TASK,                label: null,                 inverseTypeId: 901,                   v3Name: 'listing_to_task' },
  { typeId: 902,  from: LISTING,             to: COMMUNICATION,       label: null,                 inverseTypeId: 903,                   v3Name: 'listing_to_communication' },
  { typeId: 904,  from: LISTING,             to: POSTAL_MAIL,         label: null,                 inverseTypeId: 905,                   v3Name: 'listing_to_postal_mail' },
  { typeId: 1321, from: LISTING,             to: PROJECT,             label: null,                 inverseTypeId: 1320,                  v3Name: 'listing_to_project' },

  // Service to object
  { typeId: 798,  from: SERVICE,             to: CONTACT,             label: null,                 inverseTypeId: 799,                   v3Name: 'service_to_contact' },
  { typeId: 792,  from: SERVICE,             to: COMPANY,             label: null,                 inverseTypeId: 793,                   v3Name: 'service_to_company' },
  { typeId: 794,  from: SERVICE,             to: DEAL,                label: null,                 inverseTypeId: 795,                   v3Name: 'service_to_deal' },
  { typeId: 796,  from: SERVICE,             to: TICKET,              label: null,                 inverseTypeId: 797,                   v3Name: 'service_to_ticket' },
  { typeId: 840,  from: SERVICE,             to: CALL,                label: null,                 inverseTypeId: 841,                   v3Name: 'service_to_call' },
  { typeId: 842,  from: SERVICE,             to: EMAIL,               label: null,                 inverseTypeId: 843,                   v3Name: 'service_to_email' },
  { typeId: 838,  from: SERVICE,             to: MEETING,             label: null,                 inverseTypeId: 839,                   v3Name: 'service_to_meeting_event' },
  { typeId: 836,  from: SERVICE,             to: NOTE,                label: null,                 inverseTypeId: 837,                   v3Name: 'service_to_note' },
  { typeId: 852,  from: SERVICE,             to: TASK,                label: null,                 inverseTypeId: 853,                   v3Name: 'service_to_task' },
  { typeId: 846,  from: SERVICE,             to: COMMUNICATION,       label: null,                 inverseTypeId: 847,                   v3Name: 'service_to_communication' },
  { typeId: 848,  from: SERVICE,             to: POSTAL_MAIL,         label: null,                 inverseTypeId: 849,                   v3Name: 'service_to_postal_mail' },
  { typeId: 1245, from: SERVICE,             to: PROJECT,             label: null,                 inverseTypeId: 1244,                  v3Name: 'service_to_project' },

  // Call to object
  { typeId: 913,  from: CALL,                to: APPOINTMENT,         label: null,                 inverseTypeId: 912,                   v3Name: 'call_to_appointment' },
  { typeId: 182,  from: CALL,                to: COMPANY,             label: null,                 inverseTypeId: 181,                   v3Name: 'call_to_company' },
  { typeId: 194,  from: CALL,                to: CONTACT,             label: null,                 inverseTypeId: 193,                   v3Name: 'call_to_contact' },
  { typeId: 206,  from: CALL,                to: DEAL,                label: null,                 inverseTypeId: 205,                   v3Name: 'call_to_deal' },
  { typeId: 1156, from: CALL,                to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1155,                  v3Name: 'call_to_feedback_submission' },
  { typeId: 597,  from: CALL,                to: LEAD,                label: null,                 inverseTypeId: 596,                   v3Name: 'call_to_lead' },
  { typeId: 773,  from: CALL,                to: ORDER,               label: null,                 inverseTypeId: 772,                   v3Name: 'call_to_order' },
  { typeId: 867,  from: CALL,                to: COURSE,              label: null,                 inverseTypeId: 866,                   v3Name: 'call_to_course' },
  { typeId: 891,  from: CALL,                to: LISTING,             label: null,                 inverseTypeId: 890,                   v3Name: 'call_to_listing' },
  { typeId: 1258, from: CALL,                to: PROJECT,             label: null,                 inverseTypeId: 1257,                  v3Name: 'call_to_project' },
  { typeId: 841,  from: CALL,                to: SERVICE,             label: null,                 inverseTypeId: 840,                   v3Name: 'call_to_service' },
  { typeId: 220,  from: CALL,                to: TICKET,              label: null,                 inverseTypeId: 219,                   v3Name: 'call_to_ticket' },
  // Listed by HubSpot's Node SDK, not by the docs table.
  { typeId: 399,  from: CALL,                to: MEETING,             label: null,                 inverseTypeId: 400,                   v3Name: 'call_to_meeting_event' },

  // Email to object
  { typeId: 917,  from: EMAIL,               to: APPOINTMENT,         label: null,                 inverseTypeId: 916,                   v3Name: 'email_to_appointment' },
  { typeId: 186,  from: EMAIL,               to: COMPANY,             label: null,                 inverseTypeId: 185,                   v3Name: 'email_to_company' },
  { typeId: 198,  from: EMAIL,               to: CONTACT,             label: null,                 inverseTypeId: 197,                   v3Name: 'email_to_contact' },
  { typeId: 871,  from: EMAIL,               to: COURSE,              label: null,                 inverseTypeId: 870,                   v3Name: 'email_to_course' },
  { typeId: 210,  from: EMAIL,               to: DEAL,                label: null,                 inverseTypeId: 209,                   v3Name: 'email_to_deal' },
  { typeId: 777,  from: EMAIL,               to: ORDER,               label: null,                 inverseTypeId: 776,                   v3Name: 'email_to_order' },
  { typeId: 895,  from: EMAIL,               to: LISTING,             label: null,                 inverseTypeId: 894,                   v3Name: 'email_to_listing' },
  { typeId: 1260, from: EMAIL,               to: PROJECT,             label: null,                 inverseTypeId: 1259,                  v3Name: 'email_to_project' },
  { typeId: 843,  from: EMAIL,               to: SERVICE,             label: null,                 inverseTypeId: 842,                   v3Name: 'email_to_service' },
  { typeId: 224,  from: EMAIL,               to: TICKET,              label: null,                 inverseTypeId: 223,                   v3Name: 'email_to_ticket' },

  // Feedback submission to object
  { typeId: 98,   from: FEEDBACK_SUBMISSION, to: CONTACT,             label: null,                 inverseTypeId: 97,                    v3Name: 'feedback_submission_to_contact' },
  { typeId: 928,  from: FEEDBACK_SUBMISSION, to: COMPANY,             label: null,                 inverseTypeId: 929,                   v3Name: 'feedback_submission_to_company' },
  { typeId: 984,  from: FEEDBACK_SUBMISSION, to: DEAL,                label: null,                 inverseTypeId: 985,                   v3Name: 'feedback_submission_to_deal' },
  { typeId: 100,  from: FEEDBACK_SUBMISSION, to: TICKET,              label: null,                 inverseTypeId: 99,                    v3Name: 'feedback_submission_to_ticket' },
  { typeId: 1155, from: FEEDBACK_SUBMISSION, to: CALL,                label: null,                 inverseTypeId: 1156,                  v3Name: 'feedback_submission_to_call' },
  { typeId: 1157, from: FEEDBACK_SUBMISSION, to: CART,                label: null,                 inverseTypeId: 1158,                  v3Name: 'feedback_submission_to_cart' },
  { typeId: 1173, from: FEEDBACK_SUBMISSION, to: SUBSCRIPTION,        label: null,                 inverseTypeId: 1174,                  v3Name: 'feedback_submission_to_subscription' },
  { typeId: 1159, from: FEEDBACK_SUBMISSION, to: INVOICE,             label: null,                 inverseTypeId: 1160,                  v3Name: 'feedback_submission_to_invoice' },
  { typeId: 1161, from: FEEDBACK_SUBMISSION, to: LEAD,                label: null,                 inverseTypeId: 1162,                  v3Name: 'feedback_submission_to_lead' },
  { typeId: 1167, from: FEEDBACK_SUBMISSION, to: ORDER,               label: null,                 inverseTypeId: 1168,                  v3Name: 'feedback_submission_to_order' },
  { typeId: 1171, from: FEEDBACK_SUBMISSION, to: QUOTE,               label: null,                 inverseTypeId: 1172,                  v3Name: 'feedback_submission_to_quote' },
  { typeId: 1169, from: FEEDBACK_SUBMISSION, to: PAYMENT,             label: null,                 inverseTypeId: 1170,                  v3Name: 'feedback_submission_to_commerce_payment' },

  // Meeting to object
  { typeId: 200,  from: MEETING,             to: CONTACT,             label: null,                 inverseTypeId: 199,                   v3Name: 'meeting_event_to_contact' },
  { typeId: 188,  from: MEETING,             to: COMPANY,             label: null,                 inverseTypeId: 187,                   v3Name: 'meeting_event_to_company' },
  { typeId: 212,  from: MEETING,             to: DEAL,                label: null,                 inverseTypeId: 211,                   v3Name: 'meeting_event_to_deal' },
  { typeId: 226,  from: MEETING,             to: TICKET,              label: null,                 inverseTypeId: 225,                   v3Name: 'meeting_event_to_ticket' },
  { typeId: 601,  from: MEETING,             to: LEAD,                label: null,                 inverseTypeId: 600,                   v3Name: 'meeting_event_to_lead' },
  { typeId: 769,  from: MEETING,             to: ORDER,               label: null,                 inverseTypeId: 768,                   v3Name: 'meeting_event_to_order' },
  { typeId: 919,  from: MEETING,             to: APPOINTMENT,         label: null,                 inverseTypeId: 918,                   v3Name: 'meeting_event_to_appointment' },
  { typeId: 873,  from: MEETING,             to: COURSE,              label: null,                 inverseTypeId: 872,                   v3Name: 'meeting_event_to_course' },
  { typeId: 897,  from: MEETING,             to: LISTING,             label: null,                 inverseTypeId: 896,                   v3Name: 'meeting_event_to_listing' },
  { typeId: 839,  from: MEETING,             to: SERVICE,             label: null,                 inverseTypeId: 838,                   v3Name: 'meeting_event_to_service' },
  // Listed by HubSpot's Node SDK, not by the docs table.
  { typeId: 400,  from: MEETING,             to: CALL,                label: null,                 inverseTypeId: 399,                   v3Name: 'meeting_event_to_call' },

  // Note to object
  { typeId: 202,  from: NOTE,                to: CONTACT,             label: null,                 inverseTypeId: 201,                   v3Name: 'note_to_contact' },
  { typeId: 190,  from: NOTE,                to: COMPANY,             label: null,                 inverseTypeId: 189,                   v3Name: 'note_to_company' },
  { typeId: 214,  from: NOTE,                to: DEAL,                label: null,                 inverseTypeId: 213,                   v3Name: 'note_to_deal' },
  { typeId: 228,  from: NOTE,                to: TICKET,              label: null,                 inverseTypeId: 227,                   v3Name: 'note_to_ticket' },
  { typeId: 855,  from: NOTE,                to: LEAD,                label: null,                 inverseTypeId: 854,                   v3Name: 'note_to_lead' },
  { typeId: 765,  from: NOTE,                to: ORDER,               label: null,                 inverseTypeId: 764,                   v3Name: 'note_to_order' },
  { typeId: 921,  from: NOTE,                to: APPOINTMENT,         label: null,                 inverseTypeId: 920,                   v3Name: 'note_to_appointment' },
  { typeId: 875,  from: NOTE,                to: COURSE,              label: null,                 inverseTypeId: 874,                   v3Name: 'note_to_course' },
  { typeId: 899,  from: NOTE,                to: LISTING,             label: null,                 inverseTypeId: 898,                   v3Name: 'note_to_listing' },
  { typeId: 837,  from: NOTE,                to: SERVICE,             label: null,                 inverseTypeId: 836,                   v3Name: 'note_to_service' },
  { typeId: 1249, from: NOTE,                to: PROJECT,             label: null,                 inverseTypeId: 1248,                  v3Name: 'note_to_project' },

  // Postal mail to object
  { typeId: 453,  from: POSTAL_MAIL,         to: CONTACT,             label: null,                 inverseTypeId: 454,                   v3Name: 'postal_mail_to_contact' },
  { typeId: 459,  from: POSTAL_MAIL,         to: COMPANY,             label: null,                 inverseTypeId: 460,                   v3Name: 'postal_mail_to_company' },
  { typeId: 457,  from: POSTAL_MAIL,         to: DEAL,                label: null,                 inverseTypeId: 458,                   v3Name: 'postal_mail_to_deal' },
  { typeId: 455,  from: POSTAL_MAIL,         to: TICKET,              label: null,                 inverseTypeId: 456,                   v3Name: 'postal_mail_to_ticket' },
  { typeId: 927,  from: POSTAL_MAIL,         to: APPOINTMENT,         label: null,                 inverseTypeId: 926,                   v3Name: 'postal_mail_to_appointment' },
  { typeId: 881,  from: POSTAL_MAIL,         to: COURSE,              label: null,                 inverseTypeId: 880,                   v3Name: 'postal_mail_to_course' },
  { typeId: 905,  from: POSTAL_MAIL,         to: LISTING,             label: null,                 inverseTypeId: 904,                   v3Name: 'postal_mail_to_listing' },
  { typeId: 788,  from: POSTAL_MAIL,         to: ORDER,               label: null,                 inverseTypeId: 789,                   v3Name: 'postal_mail_to_order' },
  { typeId: 849,  from: POSTAL_MAIL,         to: SERVICE,             label: null,                 inverseTypeId: 848,                   v3Name: 'postal_mail_to_service' },
  { typeId: 1264, from: POSTAL_MAIL,         to: PROJECT,             label: null,                 inverseTypeId: 1263,                  v3Name: 'postal_mail_to_project' },

  // Task to object
  { typeId: 204,  from: TASK,                to: CONTACT,             label: null,                 inverseTypeId: 203,                   v3Name: 'task_to_contact' },
  { typeId: 192,  from: TASK,                to: COMPANY,             label: null,                 inverseTypeId: 191,                   v3Name: 'task_to_company' },
  { typeId: 216,  from: TASK,                to: DEAL,                label: null,                 inverseTypeId: 215,                   v3Name: 'task_to_deal' },
  { typeId: 230,  from: TASK,                to: TICKET,              label: null,                 inverseTypeId: 229,                   v3Name: 'task_to_ticket' },
  { typeId: 647,  from: TASK,                to: LEAD,                label: null,                 inverseTypeId: 646,                   v3Name: 'task_to_lead' },
  { typeId: 218,  from: TASK,                to: QUOTE,               label: null,                 inverseTypeId: 217,                   v3Name: 'task_to_quote' },
  { typeId: 727,  from: TASK,                to: ORDER,               label: null,                 inverseTypeId: 726,                   v3Name: 'task_to_order' },
  { typeId: 923,  from: TASK,                to: APPOINTMENT,         label: null,                 inverseTypeId: 922,                   v3Name: 'task_to_appointment' },
  { typeId: 877,  from: TASK,                to: COURSE,              label: null,                 inverseTypeId: 876,                   v3Name: 'task_to_course' },
  { typeId: 901,  from: TASK,                to: LISTING,             label: null,                 inverseTypeId: 900,                   v3Name: 'task_to_listing' },
  { typeId: 853,  from: TASK,                to: SERVICE,             label: null,                 inverseTypeId: 852,                   v3Name: 'task_to_service' },
  { typeId: 1247, from: TASK,                to: PROJECT,             label: null,                 inverseTypeId: 1246,                  v3Name: 'task_to_project' },

  // Communication to object
  { typeId: 81,   from: COMMUNICATION,       to: CONTACT,             label: null,                 inverseTypeId: 82,                    v3Name: 'communication_to_contact' },
  { typeId: 87,   from: COMMUNICATION,       to: COMPANY,             label: null,                 inverseTypeId: 88,                    v3Name: 'communication_to_company' },
  { typeId: 85,   from: COMMUNICATION,       to: DEAL,                label: null,                 inverseTypeId: 86,                    v3Name: 'communication_to_deal' },
  { typeId: 83,   from: COMMUNICATION,       to: TICKET,              label: null,                 inverseTypeId: 84,                    v3Name: 'communication_to_ticket' },
  { typeId: 603,  from: COMMUNICATION,       to: LEAD,                label: null,                 inverseTypeId: 602,                   v3Name: 'communication_to_lead' },
  { typeId: 785,  from: COMMUNICATION,       to: ORDER,               label: null,                 inverseTypeId: 784,                   v3Name: 'communication_to_order' },
  { typeId: 925,  from: COMMUNICATION,       to: APPOINTMENT,         label: null,                 inverseTypeId: 924,                   v3Name: 'communication_to_appointment' },
  { typeId: 879,  from: COMMUNICATION,       to: COURSE,              label: null,                 inverseTypeId: 878,                   v3Name: 'communication_to_course' },
  { typeId: 903,  from: COMMUNICATION,       to: LISTING,             label: null,                 inverseTypeId: 902,                   v3Name: 'communication_to_listing' },
  { typeId: 847,  from: COMMUNICATION,       to: SERVICE,             label: null,                 inverseTypeId: 846,                   v3Name: 'communication_to_service' },
  { typeId: 1282, from: COMMUNICATION,       to: PROJECT,             label: null,                 inverseTypeId: 1281,                  v3Name: 'communication_to_project' },

  // Invoice to object
  { typeId: 177,  from: INVOICE,             to: CONTACT,             label: null,                 inverseTypeId: 178,                   v3Name: 'invoice_to_contact' },
  { typeId: 179,  from: INVOICE,             to: COMPANY,             label: null,                 inverseTypeId: 180,                   v3Name: 'invoice_to_company' },
  { typeId: 175,  from: INVOICE,             to: DEAL,                label: null,                 inverseTypeId: 176,                   v3Name: 'invoice_to_deal' },
  { typeId: 407,  from: INVOICE,             to: QUOTE,               label: null,                 inverseTypeId: 408,                   v3Name: 'invoice_to_quote' },
  { typeId: 622,  from: INVOICE,             to: SUBSCRIPTION,        label: null,                 inverseTypeId: 623,                   v3Name: 'invoice_to_subscription' },
  { typeId: 517,  from: INVOICE,             to: ORDER,               label: null,                 inverseTypeId: 518,                   v3Name: 'invoice_to_order' },
  { typeId: 986,  from: INVOICE,             to: TICKET,              label: null,                 inverseTypeId: null,                  v3Name: 'invoice_to_ticket' },
  { typeId: 409,  from: INVOICE,             to: LINE_ITEM,           label: null,                 inverseTypeId: 410,                   v3Name: 'invoice_to_line_item' },
  { typeId: 411,  from: INVOICE,             to: DISCOUNT,            label: null,                 inverseTypeId: 412,                   v3Name: 'invoice_to_discount' },
  { typeId: 413,  from: INVOICE,             to: FEE,                 label: null,                 inverseTypeId: 414,                   v3Name: 'invoice_to_fee' },
  { typeId: 415,  from: INVOICE,             to: TAX,                 label: null,                 inverseTypeId: 416,                   v3Name: 'invoice_to_tax' },
  { typeId: 541,  from: INVOICE,             to: PAYMENT,             label: null,                 inverseTypeId: 542,                   v3Name: 'invoice_to_commerce_payment' },
  { typeId: 1160, from: INVOICE,             to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1159,                  v3Name: 'invoice_to_feedback_submission' },

  // Payment to object
  { typeId: 389,  from: PAYMENT,             to: COMPANY,             label: null,                 inverseTypeId: 390,                   v3Name: 'commerce_payment_to_company' },
  { typeId: 387,  from: PAYMENT,             to: CONTACT,             label: null,                 inverseTypeId: 388,                   v3Name: 'commerce_payment_to_contact' },
  { typeId: 391,  from: PAYMENT,             to: DEAL,                label: null,                 inverseTypeId: 392,                   v3Name: 'commerce_payment_to_deal' },
  { typeId: 428,  from: PAYMENT,             to: DISCOUNT,            label: null,                 inverseTypeId: null,                  v3Name: 'commerce_payment_to_discount' },
  { typeId: 1326, from: PAYMENT,             to: FEE,                 label: null,                 inverseTypeId: 1327,                  v3Name: 'commerce_payment_to_fee' },
  { typeId: 1170, from: PAYMENT,             to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1169,                  v3Name: 'commerce_payment_to_feedback_submission' },
  { typeId: 542,  from: PAYMENT,             to: INVOICE,             label: null,                 inverseTypeId: 541,                   v3Name: 'commerce_payment_to_invoice' },
  { typeId: 395,  from: PAYMENT,             to: LINE_ITEM,           label: null,                 inverseTypeId: 396,                   v3Name: 'commerce_payment_to_line_item' },
  { typeId: 524,  from: PAYMENT,             to: ORDER,               label: null,                 inverseTypeId: 523,                   v3Name: 'commerce_payment_to_order' },
  { typeId: 397,  from: PAYMENT,             to: QUOTE,               label: null,                 inverseTypeId: 398,                   v3Name: 'commerce_payment_to_quote' },
  { typeId: 393,  from: PAYMENT,             to: SUBSCRIPTION,        label: null,                 inverseTypeId: null,                  v3Name: 'commerce_payment_to_subscription' },
  { typeId: 1354, from: PAYMENT,             to: TICKET,              label: null,                 inverseTypeId: 1355,                  v3Name: 'commerce_payment_to_ticket' },

  // Quote to object
  { typeId: 69,   from: QUOTE,               to: CONTACT,             label: null,                 inverseTypeId: 70,                    v3Name: 'quote_to_contact' },
  { typeId: 1226, from: QUOTE,               to: CONTACT,             label: 'Billing contact',    inverseTypeId: 1227,                  v3Name: 'quote_to_billing_contact' },
  { typeId: 71,   from: QUOTE,               to: COMPANY,             label: null,                 inverseTypeId: 72,                    v3Name: 'quote_to_company' },
  { typeId: 1334, from: QUOTE,               to: COMPANY,             label: 'Billing company',    inverseTypeId: 1335,                  v3Name: 'quote_to_billing_company' },
  { typeId: 64,   from: QUOTE,               to: DEAL,                label: null,                 inverseTypeId: 63,                    v3Name: 'quote_to_deal' },
  { typeId: 67,   from: QUOTE,               to: LINE_ITEM,           label: null,                 inverseTypeId: 68,                    v3Name: 'quote_to_line_item' },
  { typeId: 362,  from: QUOTE,               to: DISCOUNT,            label: null,                 inverseTypeId: 361,                   v3Name: 'quote_to_discount' },
  { typeId: 364,  from: QUOTE,               to: FEE,                 label: null,                 inverseTypeId: 363,                   v3Name: 'quote_to_fee' },
  { typeId: 366,  from: QUOTE,               to: TAX,                 label: null,                 inverseTypeId: 365,                   v3Name: 'quote_to_tax' },
  { typeId: 217,  from: QUOTE,               to: TASK,                label: null,                 inverseTypeId: 218,                   v3Name: 'quote_to_task' },
  { typeId: 702,  from: QUOTE,               to: CONTACT,             label: 'Signer contact',     inverseTypeId: 703,                   v3Name: 'quote_to_signer_contact' },
  { typeId: 733,  from: QUOTE,               to: CART,                label: null,                 inverseTypeId: 732,                   v3Name: 'quote_to_cart' },
  { typeId: 408,  from: QUOTE,               to: INVOICE,             label: null,                 inverseTypeId: 407,                   v3Name: 'quote_to_invoice' },
  { typeId: 731,  from: QUOTE,               to: ORDER,               label: null,                 inverseTypeId: 730,                   v3Name: 'quote_to_order' },
  { typeId: 398,  from: QUOTE,               to: PAYMENT,             label: null,                 inverseTypeId: 397,                   v3Name: 'quote_to_commerce_payment' },
  { typeId: 304,  from: QUOTE,               to: SUBSCRIPTION,        label: null,                 inverseTypeId: 303,                   v3Name: 'quote_to_subscription' },
  { typeId: 1172, from: QUOTE,               to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1171,                  v3Name: 'quote_to_feedback_submission' },

  // Line item to object
  { typeId: 591,  from: LINE_ITEM,           to: CART,                label: null,                 inverseTypeId: 590,                   v3Name: 'line_item_to_cart' },
  { typeId: 396,  from: LINE_ITEM,           to: PAYMENT,             label: null,                 inverseTypeId: 395,                   v3Name: 'line_item_to_commerce_payment' },
  { typeId: 20,   from: LINE_ITEM,           to: DEAL,                label: null,                 inverseTypeId: 19,                    v3Name: 'line_item_to_deal' },
  { typeId: 368,  from: LINE_ITEM,           to: DISCOUNT,            label: null,                 inverseTypeId: 367,                   v3Name: 'line_item_to_discount' },
  { typeId: 410,  from: LINE_ITEM,           to: INVOICE,             label: null,                 inverseTypeId: 409,                   v3Name: 'line_item_to_invoice' },
  { typeId: 514,  from: LINE_ITEM,           to: ORDER,               label: null,                 inverseTypeId: 513,                   v3Name: 'line_item_to_order' },
  { typeId: 1345, from: LINE_ITEM,           to: PROJECT,             label: null,                 inverseTypeId: null,                  v3Name: 'line_item_to_project' },
  { typeId: 68,   from: LINE_ITEM,           to: QUOTE,               label: null,                 inverseTypeId: 67,                    v3Name: 'line_item_to_quote' },
  { typeId: 302,  from: LINE_ITEM,           to: SUBSCRIPTION,        label: null,                 inverseTypeId: 301,                   v3Name: 'line_item_to_subscription' },
  // Upcoming line item: the label names the line item's role.
  { typeId: 565,  from: LINE_ITEM,           to: SUBSCRIPTION,        label: 'Upcoming line item', inverseTypeId: null,                  v3Name: 'upcoming_line_item_to_subscription' },

  // Order to object
  { typeId: 772,  from: ORDER,               to: CALL,                label: null,                 inverseTypeId: 773,                   v3Name: 'order_to_call' },
  { typeId: 593,  from: ORDER,               to: CART,                label: null,                 inverseTypeId: 592,                   v3Name: 'order_to_cart' },
  { typeId: 507,  from: ORDER,               to: CONTACT,             label: null,                 inverseTypeId: 508,                   v3Name: 'order_to_contact' },
  { typeId: 784,  from: ORDER,               to: COMMUNICATION,       label: null,                 inverseTypeId: 785,                   v3Name: 'order_to_communication' },
  { typeId: 934,  from: ORDER,               to: COMPANY,             label: null,                 inverseTypeId: 935,                   v3Name: 'order_to_company_unlabeled' },
  { typeId: 509,  from: ORDER,               to: COMPANY,             label: 'Primary',            inverseTypeId: 510,  isPrimary: true, v3Name: 'order_to_company' },
  { typeId: 512,  from: ORDER,               to: DEAL,                label: null,                 inverseTypeId: 511,                   v3Name: 'order_to_deal' },
  { typeId: 519,  from: ORDER,               to: DISCOUNT,            label: null,                 inverseTypeId: 520,                   v3Name: 'order_to_discount' },
  { typeId: 776,  from: ORDER,               to: EMAIL,               label: null,                 inverseTypeId: 777,                   v3Name: 'order_to_email' },
  { typeId: 1168, from: ORDER,               to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1167,                  v3Name: 'order_to_feedback_submission' },
  { typeId: 518,  from: ORDER,               to: INVOICE,             label: null,                 inverseTypeId: 517,                   v3Name: 'order_to_invoice' },
  { typeId: 513,  from: ORDER,               to: LINE_ITEM,           label: null,                 inverseTypeId: 514,                   v3Name: 'order_to_line_item' },
  { typeId: 768,  from: ORDER,               to: MEETING,             label: null,                 inverseTypeId: 769,                   v3Name: 'order_to_meeting_event' },
  { typeId: 764,  from: ORDER,               to: NOTE,                label: null,                 inverseTypeId: 765,                   v3Name: 'order_to_note' },
  { typeId: 523,  from: ORDER,               to: PAYMENT,             label: null,                 inverseTypeId: 524,                   v3Name: 'order_to_commerce_payment' },
  { typeId: 789,  from: ORDER,               to: POSTAL_MAIL,         label: null,                 inverseTypeId: 788,                   v3Name: 'order_to_postal_mail' },
  { typeId: 730,  from: ORDER,               to: QUOTE,               label: null,                 inverseTypeId: 731,                   v3Name: 'order_to_quote' },
  { typeId: 516,  from: ORDER,               to: SUBSCRIPTION,        label: null,                 inverseTypeId: 515,                   v3Name: 'order_to_subscription' },
  { typeId: 726,  from: ORDER,               to: TASK,                label: null,                 inverseTypeId: 727,                   v3Name: 'order_to_task' },
  { typeId: 525,  from: ORDER,               to: TICKET,              label: null,                 inverseTypeId: 526,                   v3Name: 'order_to_ticket' },

  // Cart to object
  { typeId: 586,  from: CART,                to: CONTACT,             label: null,                 inverseTypeId: 587,                   v3Name: 'cart_to_contact' },
  { typeId: 1347, from: CART,                to: DEAL,                label: null,                 inverseTypeId: 1346,                  v3Name: 'cart_to_deal' },
  { typeId: 588,  from: CART,                to: DISCOUNT,            label: null,                 inverseTypeId: 589,                   v3Name: 'cart_to_discount' },
  { typeId: 590,  from: CART,                to: LINE_ITEM,           label: null,                 inverseTypeId: 591,                   v3Name: 'cart_to_line_item' },
  { typeId: 592,  from: CART,                to: ORDER,               label: null,                 inverseTypeId: 593,                   v3Name: 'cart_to_order' },
  { typeId: 732,  from: CART,                to: QUOTE,               label: null,                 inverseTypeId: 733,                   v3Name: 'cart_to_quote' },
  { typeId: 728,  from: CART,                to: TASK,                label: null,                 inverseTypeId: null,                  v3Name: 'cart_to_task' },
  { typeId: 594,  from: CART,                to: TICKET,              label: null,                 inverseTypeId: null,                  v3Name: 'cart_to_ticket' },
  { typeId: 1158, from: CART,                to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1157,                  v3Name: 'cart_to_feedback_submission' },

  // Discount to object
  { typeId: 369,  from: DISCOUNT,            to: DEAL,                label: null,                 inverseTypeId: null,                  v3Name: 'discount_to_deal' },
  { typeId: 361,  from: DISCOUNT,            to: QUOTE,               label: null,                 inverseTypeId: 362,                   v3Name: 'discount_to_quote' },
  { typeId: 412,  from: DISCOUNT,            to: INVOICE,             label: null,                 inverseTypeId: 411,                   v3Name: 'discount_to_invoice' },
  { typeId: 520,  from: DISCOUNT,            to: ORDER,               label: null,                 inverseTypeId: 519,                   v3Name: 'discount_to_order' },
  { typeId: 589,  from: DISCOUNT,            to: CART,                label: null,                 inverseTypeId: 588,                   v3Name: 'discount_to_cart' },
  { typeId: 367,  from: DISCOUNT,            to: LINE_ITEM,           label: null,                 inverseTypeId: 368,                   v3Name: 'discount_to_line_item' },

  // Fee to object
  { typeId: 1327, from: FEE,                 to: PAYMENT,             label: null,                 inverseTypeId: 1326,                  v3Name: 'fee_to_commerce_payment' },
  { typeId: 363,  from: FEE,                 to: QUOTE,               label: null,                 inverseTypeId: 364,                   v3Name: 'fee_to_quote' },
  { typeId: 414,  from: FEE,                 to: INVOICE,             label: null,                 inverseTypeId: 413,                   v3Name: 'fee_to_invoice' },

  // Subscription to object
  { typeId: 295,  from: SUBSCRIPTION,        to: CONTACT,             label: null,                 inverseTypeId: 296,                   v3Name: 'subscription_to_contact' },
  { typeId: 297,  from: SUBSCRIPTION,        to: COMPANY,             label: null,                 inverseTypeId: 298,                   v3Name: 'subscription_to_company' },
  { typeId: 299,  from: SUBSCRIPTION,        to: DEAL,                label: null,                 inverseTypeId: 300,                   v3Name: 'subscription_to_deal' },
  { typeId: 1121, from: SUBSCRIPTION,        to: TICKET,              label: null,                 inverseTypeId: 1122,                  v3Name: 'subscription_to_ticket' },
  { typeId: 623,  from: SUBSCRIPTION,        to: INVOICE,             label: null,                 inverseTypeId: 622,                   v3Name: 'subscription_to_invoice' },
  { typeId: 301,  from: SUBSCRIPTION,        to: LINE_ITEM,           label: null,                 inverseTypeId: 302,                   v3Name: 'subscription_to_line_item' },
  { typeId: 303,  from: SUBSCRIPTION,        to: QUOTE,               label: null,                 inverseTypeId: 304,                   v3Name: 'subscription_to_quote' },
  { typeId: 515,  from: SUBSCRIPTION,        to: ORDER,               label: null,                 inverseTypeId: 516,                   v3Name: 'subscription_to_order' },
  { typeId: 1174, from: SUBSCRIPTION,        to: FEEDBACK_SUBMISSION, label: null,                 inverseTypeId: 1173,                  v3Name: 'subscription_to_feedback_submission' },

  // Tax to object
  { typeId: 365,  from: TAX,                 to: QUOTE,               label: null,                 inverseTypeId: 366,                   v3Name: 'tax_to_quote' },
  { typeId: 416,  from: TAX,                 to: INVOICE,             label: null,                 inverseTypeId: 415,                   v3Name: 'tax_to_invoice' },

  // Project to object
  { typeId: 1324, from: PROJECT,             to: APPOINTMENT,         label: null,                 inverseTypeId: 1325,                  v3Name: 'project_to_appointment' },
  { typeId: 1257, from: PROJECT,             to: CALL,                label: null,                 inverseTypeId: 1258,                  v3Name: 'project_to_call' },
  { typeId: 1281, from: PROJECT,             to: COMMUNICATION,       label: null,                 inverseTypeId: 1282,                  v3Name: 'project_to_communication' },
  { typeId: 1236, from: PROJECT,             to: COMPANY,             label: null,                 inverseTypeId: 1237,                  v3Name: 'project_to_company_unlabeled' },
  { typeId: 1299, from: PROJECT,             to: COMPANY,             label: 'Primary',            inverseTypeId: null, isPrimary: true, v3Name: 'project_to_company' },
  { typeId: 1242, from: PROJECT,             to: CONTACT,             label: null,                 inverseTypeId: 1243,                  v3Name: 'project_to_contact' },
  { typeId: 1322, from: PROJECT,             to: COURSE,              label: null,                 inverseTypeId: 1323,                  v3Name: 'project_to_course' },
  { typeId: 1238, from: PROJECT,             to: DEAL,                label: null,                 inverseTypeId: 1239,                  v3Name: 'project_to_deal' },
  { typeId: 1259, from: PROJECT,             to: EMAIL,               label: null,                 inverseTypeId: 1260,                  v3Name: 'project_to_email' },
  { typeId: 1320, from: PROJECT,             to: LISTING,             label: null,                 inverseTypeId: 1321,                  v3Name: 'project_to_listing' },
  { typeId: 1250, from: PROJECT,             to: MARKETING_EVENT,     label: null,                 inverseTypeId: null,                  v3Name: 'project_to_marketing_event' },
  { typeId: 1255, from: PROJECT,             to: MEETING,             label: null,                 inverseTypeId: null,                  v3Name: 'project_to_meeting_event' },
  { typeId: 1248, from: PROJECT,             to: NOTE,                label: null,                 inverseTypeId: 1249,                  v3Name: 'project_to_note' },
  { typeId: 1263, from: PROJECT,             to: POSTAL_MAIL,         label: null,                 inverseTypeId: 1264,                  v3Name: 'project_to_postal_mail' },
  { typeId: 1254, from: PROJECT,             to: PROJECT,             label: null,                 inverseTypeId: 1254,                  v3Name: 'project_to_project' },
  { typeId: 1244, from: PROJECT,             to: SERVICE,             label: null,                 inverseTypeId: 1245,                  v3Name: 'project_to_service' },
  { typeId: 1246, from: PROJECT,             to: TASK,                label: null,                 inverseTypeId: 1247,                  v3Name: 'project_to_task' },
  { typeId: 1240, from: PROJECT,             to: TICKET,              label: null,                 inverseTypeId: 1241,                  v3Name: 'project_to_ticket' },
];

/*
Rows of HubSpot's public table left out because their object has no public type id:
  472  Company to payment link
  470  Contact to payment link
  313  Deal to deal split
  474  Deal to payment link
  32   Ticket to thread
  278  Ticket to conversation
  809  Goal to campaign
  333  Goal to goal target group
  815  Invoice to payment link
  691  Invoice to payment schedule installment
  679  Invoice to data sync state
  476  Payment to payment link
  475  Payment link to payment
  469  Payment link to contact
  471  Payment link to company
  473  Payment link to deal
  682  Payment link to discount
  686  Payment link to fee
  814  Payment link to invoice
  758  Payment link to line item
  477  Payment link to subscription
  684  Payment link to tax
  286  Quote to quote template
  571  Line item to abandoned cart
  759  Line item to payment link
  521  Order to discount code
  683  Discount to payment link
  687  Fee to payment link
  478  Subscription to payment link
  685  Tax to payment link
  1261 Project to conversation session
  1304 Project to data sync
  1252 Project to engagement
*/
