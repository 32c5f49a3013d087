/**
 * One-off converter: fixtures/catalogue.source.json → catalogue/indicators.json.
 * The reviewed corrections live here as data (OVERRIDES), so the review in
 * docs/catalogue-review.md can be re-applied when the source list changes.
 *
 * Notes come in two kinds. The review's own annotations (which seeds state the indicator, how the
 * sample reports word it, codes of related indicators) go to `reviewNotes`, for those who maintain the
 * catalogue; they are never stored or shown. The `notes` shown to department admins are plain
 * Vietnamese guidance written by hand, kept by code in catalogue/indicator-notes.json, which this script
 * reads: an indicator absent from that file has no user note. Rewriting a review note does not rewrite
 * the user note; edit catalogue/indicator-notes.json for that.
 * Run: node --import tsx scripts/build-catalogue.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CatalogueSchema, type IndicatorInput } from '../src/domain/indicator.js';

interface SourceEntry {
  code: string;
  name_vi: string;
  section: string;
  kind: 'flow' | 'stock' | 'ratio';
  unit: string;
  formula: string | null;
  parts_of: string | null;
  breakdown: string | null;
  notes?: string;
}

type Override = Partial<Omit<IndicatorInput, 'code'>> & { nameEn: string; addNote?: string };

const SUBSET_NOTE = 'Tập con, không phải thành phần cộng đủ tổng';

/** Indicators stated in every monthly seed (000, 001, 004): a monthly report is incomplete without them. */
const REQUIRED = new Set([
  'advisory.press_guidance_docs',
  'ioffice.users',
  'ioffice.docs_sent',
  'ioffice.docs_signed',
  'ioffice.signed_ratio',
  'ca.issued',
  'ca.total',
  'ca.org',
  'ca.personal',
  'email.total',
  'dvc.services_total',
  'dvc.services_level3',
  'dvc.services_level3_ratio',
  'dvc.services_level4',
  'dvc.services_level4_ratio',
  'dvc.dossiers_received',
  'dvc.dossiers_direct',
  'dvc.dossiers_online',
  'dvc.dossiers_resolved',
  'dvc.dossiers_level3',
  'dvc.dossiers_level3_direct',
  'dvc.dossiers_level3_online',
  'dvc.dossiers_level3_online_ratio',
  'dvc.dossiers_level4',
  'dvc.dossiers_level4_direct',
  'dvc.dossiers_level4_online',
  'dvc.dossiers_level4_online_ratio',
  'dvc.procedures_national_portal',
  'publishing.licences',
  'citizen.periodic_reception_visitors',
  'citizen.complaints_received',
  'citizen.denunciations_received',
  'citizen.petitions_received',
]);

/** Corrections and English names, by code. Sections are template keys (catalogue/report-template.json). */
const OVERRIDES: Record<string, Override> = {
  'advisory.press_guidance_docs': { nameEn: 'Directives to press and broadcasters on coverage' },
  'advisory.plans_issued': { nameEn: 'Plans issued by the Department' },
  'advisory.decisions_issued': { nameEn: 'Decisions issued by the Department' },
  'advisory.legal_dissemination_docs': { nameEn: 'Letters disseminating ICT decrees and circulars' },
  'postal.revenue': { nameEn: 'Postal and courier revenue', section: 'buu_chinh' },
  'ecommerce.households': { nameEn: 'Farming households selling on e-commerce platforms' },
  'ecommerce.households_postmart': { nameEn: 'Farming households selling on Postmart.vn' },
  'ecommerce.households_voso': { nameEn: 'Farming households selling on Voso.vn' },
  'ecommerce.products': { nameEn: 'Farm products promoted on e-commerce platforms' },
  'ecommerce.produce_sold': { nameEn: 'Farm produce sold with postal support', integer: false },
  'ecommerce.eggs_sold': { nameEn: 'Eggs sold with postal support' },
  'ecommerce.banh_tet_sold': { nameEn: 'Trà Cuôn bánh tét sold with postal support' },
  'telecom.fixed_subscribers': { nameEn: 'Fixed telephone subscribers', section: 'vien_thong' },
  'telecom.fixed_density': { nameEn: 'Fixed telephone density (per 100 inhabitants)', section: 'vien_thong' },
  'telecom.mobile_subscribers': { nameEn: 'Mobile telephone subscribers', section: 'vien_thong' },
  'telecom.mobile_prepaid': { nameEn: 'Prepaid mobile subscribers', section: 'vien_thong' },
  'telecom.mobile_postpaid': { nameEn: 'Postpaid mobile subscribers', section: 'vien_thong' },
  'telecom.mobile_density': {
    nameEn: 'Mobile telephone density (per 100 inhabitants)',
    section: 'vien_thong',
  },
  'telecom.bts_total': { nameEn: 'Mobile base stations (BTS) in the province', section: 'vien_thong' },
  'telecom.revenue': { nameEn: 'Telecommunications revenue', section: 'vien_thong' },
  'telecom.population_basis': { nameEn: 'Population used as density denominator', section: 'vien_thong' },
  'telecom.smartphones': { nameEn: 'Smartphones in use in the province', section: 'vien_thong' },
  'internet.subscribers': { nameEn: 'Internet subscribers', section: 'vien_thong' },
  'internet.density': { nameEn: 'Internet density (per 100 inhabitants)', section: 'vien_thong' },
  'internet.fixed_subscribers': { nameEn: 'Fixed broadband subscribers', section: 'vien_thong' },
  'internet.fixed_density': {
    nameEn: 'Fixed broadband density (per 100 inhabitants)',
    section: 'vien_thong',
  },
  'internet.mobile_subscribers': { nameEn: 'Mobile internet subscribers', section: 'vien_thong' },
  'internet.mobile_density': {
    nameEn: 'Mobile internet density (per 100 inhabitants)',
    section: 'vien_thong',
  },
  'internet.adsl_subscribers': { nameEn: 'ADSL internet subscribers', section: 'vien_thong' },
  'internet.ftth_subscribers': { nameEn: 'FTTH (fibre) internet subscribers', section: 'vien_thong' },
  'telecom.bts_sites_approved': { nameEn: 'New BTS sites confirmed as matching the plan' },
  'games.certificates_issued': { nameEn: 'Public online-game venue certificates issued' },
  'games.certificates_reissued': { nameEn: 'Public online-game venue certificates reissued or amended' },
  'games.points_certified': { nameEn: 'Certified public online-game venues' },
  'ioffice.units': { nameEn: 'Agencies using the iOffice document system', section: 'cntt_cqnn' },
  'ioffice.units_province': { nameEn: 'Provincial agencies using iOffice', section: 'cntt_cqnn' },
  'ioffice.units_district': { nameEn: 'District agencies using iOffice', section: 'cntt_cqnn' },
  'ioffice.units_commune': { nameEn: 'Commune agencies using iOffice', section: 'cntt_cqnn' },
  'ioffice.users': { nameEn: 'iOffice users', section: 'cntt_cqnn' },
  'ioffice.users_new': { nameEn: 'New iOffice user accounts', section: 'cntt_cqnn' },
  'ioffice.docs_sent': { nameEn: 'Documents issued on iOffice', section: 'cntt_cqnn' },
  'ioffice.docs_signed': {
    nameEn: 'Documents issued on iOffice with a digital signature',
    section: 'cntt_cqnn',
    partOf: null,
    dimension: null,
    subsetOf: 'ioffice.docs_sent',
  },
  'ioffice.signed_ratio': { nameEn: 'Share of issued documents digitally signed', section: 'cntt_cqnn' },
  'ioffice.electronic_exchange_ratio': {
    nameEn: 'Share of official documents exchanged electronically',
    section: 'cntt_cqnn',
    formula: null,
    addNote: 'Chỉ tiêu chỉ được nêu (formula null): tử số và mẫu số không có trong danh mục.',
  },
  'ca.issued': { nameEn: 'Special-use digital certificates issued', section: 'cntt_cqnn' },
  'ca.revoked': { nameEn: 'Special-use digital certificates revoked', section: 'cntt_cqnn' },
  'ca.total': {
    nameEn: 'Special-use digital certificates in force',
    section: 'cntt_cqnn',
    addNote: 'Liên tục: ca.total cuối kỳ = ca.total kỳ trước + ca.issued − ca.revoked.',
  },
  'ca.org': { nameEn: 'Organisation certificates in force', section: 'cntt_cqnn' },
  'ca.personal': { nameEn: 'Personal certificates in force', section: 'cntt_cqnn' },
  'ca.personal_usb': { nameEn: 'Personal certificates on USB token', section: 'cntt_cqnn' },
  'ca.personal_sim': { nameEn: 'Personal certificates on SIM PKI', section: 'cntt_cqnn' },
  'email.new_accounts': { nameEn: 'New official e-mail accounts', section: 'cntt_cqnn' },
  'email.total': { nameEn: 'Official e-mail accounts', section: 'cntt_cqnn' },
  'dvc.services_total': {
    nameEn: 'Online public services on the provincial portal',
    section: 'cntt_nguoi_dan',
  },
  'dvc.services_level12': { nameEn: 'Public services at level 1–2', section: 'cntt_nguoi_dan' },
  'dvc.services_level12_ratio': { nameEn: 'Share of services at level 1–2', section: 'cntt_nguoi_dan' },
  'dvc.services_level3': { nameEn: 'Online public services at level 3', section: 'cntt_nguoi_dan' },
  'dvc.services_level3_ratio': { nameEn: 'Share of services at level 3', section: 'cntt_nguoi_dan' },
  'dvc.services_level4': { nameEn: 'Online public services at level 4', section: 'cntt_nguoi_dan' },
  'dvc.services_level4_ratio': { nameEn: 'Share of services at level 4', section: 'cntt_nguoi_dan' },
  'dvc.services_level34': {
    nameEn: 'Online public services at level 3–4',
    section: 'cntt_nguoi_dan',
    addNote:
      'Tổng phụ, không lập thành phần (dvc.services_level3/4 đã là thành phần của dvc.services_total).',
  },
  'dvc.services_level3_with_online': {
    nameEn: 'Level-3 services that received online dossiers',
    section: 'cntt_nguoi_dan',
    partOf: null,
    dimension: null,
    subsetOf: 'dvc.services_level3',
  },
  'dvc.services_level4_with_online': {
    nameEn: 'Level-4 services that received online dossiers',
    section: 'cntt_nguoi_dan',
    partOf: null,
    dimension: null,
    subsetOf: 'dvc.services_level4',
  },
  'dvc.dossiers_received': {
    nameEn: 'Dossiers received',
    section: 'cntt_nguoi_dan',
    addNote:
      'Kiểm tra tổng theo "level" chỉ khi có đủ ba thành phần: các báo cáo tháng không nêu dvc.dossiers_level12 (000: 5.411 + 1.775 < 10.324); 002 chỉ nêu ba thành phần (12.454 + 12.052 + 13.634 = 38.140), không nêu tổng.',
  },
  'dvc.dossiers_direct': { nameEn: 'Dossiers received in person', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_online': { nameEn: 'Dossiers received online', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_resolved': { nameEn: 'Dossiers resolved', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level12': { nameEn: 'Dossiers of level 1–2 services', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level3': { nameEn: 'Dossiers of level-3 services', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level3_direct': { nameEn: 'Level-3 dossiers filed in person', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level3_online': { nameEn: 'Level-3 dossiers filed online', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level3_online_ratio': {
    nameEn: 'Share of level-3 dossiers filed online',
    section: 'cntt_nguoi_dan',
  },
  'dvc.dossiers_level4': { nameEn: 'Dossiers of level-4 services', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level4_direct': { nameEn: 'Level-4 dossiers filed in person', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level4_online': { nameEn: 'Level-4 dossiers filed online', section: 'cntt_nguoi_dan' },
  'dvc.dossiers_level4_online_ratio': {
    nameEn: 'Share of level-4 dossiers filed online',
    section: 'cntt_nguoi_dan',
  },
  'dvc.procedures_national_portal': {
    nameEn: 'Administrative procedures published on the national portal',
    section: 'cntt_nguoi_dan',
  },
  'dvc.onestop_departments': {
    nameEn: 'Departments running the one-stop-shop software',
    section: 'cntt_nguoi_dan',
  },
  'dvc.onestop_districts': {
    nameEn: 'Districts piloting the one-stop-shop software',
    section: 'cntt_nguoi_dan',
  },
  'vc.endpoints_deployed': { nameEn: 'Video-conference endpoints deployed', section: 'cntt_nguoi_dan' },
  'vc.mcu_meetings': { nameEn: 'Online meetings on the provincial MCU', section: 'cntt_nguoi_dan' },
  'vc.mcu_endpoints': { nameEn: 'Endpoint connections to MCU meetings', section: 'cntt_nguoi_dan' },
  'vc.jitsi_meetings': { nameEn: 'Online meetings on Jitsi Meet', section: 'cntt_nguoi_dan' },
  'vc.jitsi_endpoints': { nameEn: 'Endpoint connections to Jitsi meetings', section: 'cntt_nguoi_dan' },
  'vc.national_conferences_supported': {
    nameEn: 'National online conferences given technical support',
    section: 'cntt_nguoi_dan',
  },
  'vc.provincial_conferences_supported': {
    nameEn: 'Provincial online conferences given technical support',
    section: 'cntt_nguoi_dan',
  },
  'network.units': { nameEn: 'Agencies on the provincial private data network', section: 'cntt_ha_tang' },
  'network.units_party': { nameEn: 'Party agencies on the private data network', section: 'cntt_ha_tang' },
  'network.units_state': { nameEn: 'State agencies on the private data network', section: 'cntt_ha_tang' },
  'iso.units': { nameEn: 'Units using the electronic ISO system', section: 'cntt_cqnn' },
  'iso.units_province': { nameEn: 'Provincial departments using electronic ISO', section: 'cntt_cqnn' },
  'iso.units_district': { nameEn: 'District people’s committees using electronic ISO', section: 'cntt_cqnn' },
  'iso.units_commune': { nameEn: 'Commune people’s committees using electronic ISO', section: 'cntt_cqnn' },
  'covid.qr_points': {
    nameEn: 'Venues with a QR check-in board',
    section: 'covid',
    kind: 'stock',
    addNote:
      'stock: số địa điểm là mức tại cuối kỳ (giá trị "lũy kế"); "tăng N" trong kỳ là chênh lệch với kỳ trước, không phải giá trị của kỳ.',
  },
  'covid.qr_scans': { nameEn: 'QR check-in scans', section: 'covid' },
  'covid.pccovid_installs': { nameEn: 'PC-Covid app installs', section: 'covid' },
  'covid.pccovid_population_ratio': { nameEn: 'PC-Covid installs per 100 inhabitants', section: 'covid' },
  'covid.pccovid_smartphone_ratio': { nameEn: 'PC-Covid installs per 100 smartphones', section: 'covid' },
  'covid.sskdt_installs': { nameEn: 'Electronic health book (SSKĐT) installs', section: 'covid' },
  'covid.test_certifications': { nameEn: 'Test results certified on the testing platform', section: 'covid' },
  'covid.vaccine_doses_recorded': {
    nameEn: 'Vaccine doses recorded on the vaccination platform',
    section: 'covid',
  },
  'covid.vaccine_doses_total': { nameEn: 'Vaccine doses administered', section: 'covid' },
  'covid.vaccine_doses_ratio': {
    nameEn: 'Share of vaccine doses recorded on the platform',
    section: 'covid',
  },
  'covid.app1022_installs_android': {
    nameEn: '1022 Trà Vinh citizen app installs (Android)',
    section: 'covid',
  },
  'covid.app1022_installs_ios': { nameEn: '1022 Trà Vinh citizen app installs (iOS)', section: 'covid' },
  'covid.hotline_received': {
    nameEn: 'Reports received by the 1022 Covid hotline',
    section: 'covid',
    addNote:
      'Cân đối (không lập thành phần vì khác loại): received lũy kế = processed lũy kế + in_progress cuối kỳ; 001: 54 + 112 = 166 ≠ 168.',
  },
  'covid.hotline_processed': {
    nameEn: 'Hotline reports processed',
    section: 'covid',
    partOf: null,
    dimension: null,
    subsetOf: 'covid.hotline_received',
  },
  'covid.hotline_in_progress': {
    nameEn: 'Hotline reports being processed',
    section: 'covid',
    partOf: null,
    dimension: null,
    addNote: 'Tồn cuối kỳ (stock); xem cân đối ở covid.hotline_received.',
  },
  'attt.alerts_received': { nameEn: 'Cyber-security alerts received' },
  'portal.articles_vi': {
    partOf: 'portal.articles',
    dimension: 'language',
    nameEn: 'Vietnamese articles on the provincial portal',
    section: 'cong_ttdt',
  },
  'portal.articles_vi_covid': {
    nameEn: 'Covid-19 articles on the provincial portal',
    section: 'cong_ttdt',
    partOf: null,
    dimension: null,
    subsetOf: 'portal.articles_vi',
  },
  'portal.articles_en': {
    partOf: 'portal.articles',
    dimension: 'language',
    nameEn: 'English articles on the provincial portal',
    section: 'cong_ttdt',
  },
  'portal.articles_km': {
    partOf: 'portal.articles',
    dimension: 'language',
    nameEn: 'Khmer articles on the provincial portal',
    section: 'cong_ttdt',
  },
  'portal.articles_audio': { nameEn: 'Articles converted to audio', section: 'cong_ttdt' },
  'portal.documents': { nameEn: 'Documents published on the provincial portal', section: 'cong_ttdt' },
  'portal.docs_directive': { nameEn: 'Portal documents: directives', section: 'cong_ttdt' },
  'portal.docs_legal': { nameEn: 'Portal documents: legal normative documents', section: 'cong_ttdt' },
  'portal.docs_election': { nameEn: 'Portal documents: elections', section: 'cong_ttdt' },
  'portal.docs_procedures': { nameEn: 'Portal documents: administrative procedures', section: 'cong_ttdt' },
  'portal.docs_procurement': { nameEn: 'Portal documents: public procurement', section: 'cong_ttdt' },
  'portal.docs_leader_schedule': { nameEn: 'Portal documents: leaders’ schedules', section: 'cong_ttdt' },
  'portal.docs_reception_schedule': {
    nameEn: 'Portal documents: citizen reception schedules',
    section: 'cong_ttdt',
  },
  'portal.docs_plans': { nameEn: 'Portal documents: plans', section: 'cong_ttdt' },
  'portal.docs_notices': { nameEn: 'Portal documents: notices', section: 'cong_ttdt' },
  'portal.docs_recruitment': { nameEn: 'Portal documents: recruitment', section: 'cong_ttdt' },
  'portal.docs_legal_dissemination': {
    nameEn: 'Portal documents: legal dissemination',
    section: 'cong_ttdt',
  },
  'portal.docs_covid': { nameEn: 'Portal documents: Covid-19', section: 'cong_ttdt' },
  'portal.docs_new_rural': { nameEn: 'Portal documents: new rural area recognition', section: 'cong_ttdt' },
  'portal.docs_admin_reform': { nameEn: 'Portal documents: administrative reform', section: 'cong_ttdt' },
  'portal.docs_consultation': { nameEn: 'Portal documents: public consultation', section: 'cong_ttdt' },
  'portal.draft_consultations': {
    nameEn: 'Draft documents put to public consultation',
    section: 'cong_ttdt',
  },
  'portal.component_sites': { nameEn: 'Component websites linked to the portal', section: 'cong_ttdt' },
  'portal.component_site_posts': { nameEn: 'Posts on component websites', section: 'cong_ttdt' },
  'portal.citizen_questions': { nameEn: 'Citizen questions on the portal Q&A', section: 'cong_ttdt' },
  'portal.answers_published': { nameEn: 'Answers published on the portal', section: 'cong_ttdt' },
  'portal.dept_site_items': { nameEn: 'Items posted on the Department website', section: 'trang_tin_so' },
  'portal.dept_site_articles': {
    nameEn: 'Articles posted on the Department website',
    section: 'trang_tin_so',
    partOf: null,
    dimension: null,
    subsetOf: 'portal.dept_site_items',
  },
  'publishing.licences': { nameEn: 'Non-commercial publishing licences issued', section: 'bao_chi_xuat_ban' },
  'publishing.licences_online': {
    nameEn: 'Publishing licences applied for online',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.licences_direct': {
    nameEn: 'Publishing licences applied for in person',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.press_conference_licences': {
    nameEn: 'Press conference licences issued',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.dossiers_received': {
    nameEn: 'Press and publishing dossiers received',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.dossiers_online': {
    nameEn: 'Press and publishing dossiers received online',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.dossiers_direct': {
    nameEn: 'Press and publishing dossiers received in person',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.dossiers_carried_over': {
    nameEn: 'Press and publishing dossiers carried over',
    section: 'bao_chi_xuat_ban',
  },
  'publishing.dossiers_resolved_on_time': {
    nameEn: 'Press and publishing dossiers resolved on time',
    section: 'bao_chi_xuat_ban',
  },
  'radio.commune_stations': {
    nameEn: 'Commune radio stations producing programmes',
    section: 'thong_tin_co_so',
  },
  'radio.self_produced_minutes': {
    nameEn: 'Self-produced airtime of commune radio (minutes/day)',
    section: 'thong_tin_co_so',
    integer: false,
  },
  'radio.guidance_docs': {
    nameEn: 'Guidance documents to grassroots information',
    section: 'thong_tin_co_so',
  },
  'inspection.inspections_total': { nameEn: 'Inspections led by the Department' },
  'inspection.admin_inspections': { nameEn: 'Administrative inspections' },
  'inspection.specialized_checks': { nameEn: 'Specialised inspections and checks' },
  'inspection.entities_checked': { nameEn: 'Organisations and individuals inspected' },
  'inspection.violations': { nameEn: 'Organisations and individuals in violation' },
  'inspection.penalty_decisions': { nameEn: 'Administrative penalty decisions' },
  'inspection.fines': { nameEn: 'Administrative fines' },
  'inspection.reminders': { nameEn: 'Organisations and individuals warned' },
  'citizen.periodic_reception_visitors': { nameEn: 'Citizens at periodic reception by the leadership' },
  'citizen.regular_reception_visits': { nameEn: 'Regular citizen reception visits' },
  'citizen.regular_reception_cases': { nameEn: 'Cases raised at regular citizen reception' },
  'citizen.complaints_received': { nameEn: 'Complaints received' },
  'citizen.denunciations_received': { nameEn: 'Denunciations received' },
  'citizen.petitions_received': { nameEn: 'Petitions and recommendations received' },
  'citizen.petitions_pending': { nameEn: 'Petitions under verification' },
  'staff.training_advanced_politics': {
    nameEn: 'Staff in advanced political theory courses',
    section: 'to_chuc_can_bo',
  },
  'staff.training_intermediate_politics': {
    nameEn: 'Staff in intermediate political theory courses',
    section: 'to_chuc_can_bo',
  },
  'staff.training_specialist': {
    nameEn: 'Staff in specialist state-management courses',
    section: 'to_chuc_can_bo',
  },
  'staff.training_principal_specialist': {
    nameEn: 'Staff in principal-specialist state-management courses',
    section: 'to_chuc_can_bo',
  },
  'staff.training_leadership': { nameEn: 'Staff in division-leadership courses', section: 'to_chuc_can_bo' },
  'staff.training_principal_inspector': {
    nameEn: 'Staff in principal-inspector courses',
    section: 'to_chuc_can_bo',
  },
  'staff.training_job_position': { nameEn: 'Job-position training attendances', section: 'to_chuc_can_bo' },
  'staff.civil_servant_conversions': {
    nameEn: 'Public employees converted to civil servants',
    section: 'to_chuc_can_bo',
  },
  'staff.salary_raises': { nameEn: 'Salary step increases', section: 'to_chuc_can_bo' },
  'staff.transfers': { nameEn: 'Civil servants transferred', section: 'to_chuc_can_bo' },
  'investment.projects': { nameEn: 'Public investment projects led by the Department', section: 'van_phong' },
  'portal.articles': { nameEn: 'Articles on the provincial portal, all languages' },
  'investment.funds_allocated': { nameEn: 'Funds allocated to the Department’s investment projects' },
  'investment.disbursed': { nameEn: 'Public investment disbursed' },
  'investment.disbursement_ratio': { nameEn: 'Disbursement against the capital plan' },
};

/** Indicators the seeds state that the source list lacks (not annotated in fixtures/gold). */
const ADDED: SourceEntry[] = [
  {
    code: 'portal.articles',
    name_vi: 'Tổng số tin, bài đăng trên Cổng thông tin điện tử tỉnh (tiếng Việt, tiếng Anh, tiếng Khmer)',
    section: 'cong_ttdt',
    kind: 'flow',
    unit: 'tin, bài',
    formula: null,
    parts_of: null,
    breakdown: null,
    notes:
      'Tổng của phân tách theo ngôn ngữ (dimension "language"): portal.articles_vi + portal.articles_en + portal.articles_km. Các báo cáo chỉ nêu từng ngôn ngữ, không nêu tổng. Không có trong gold.',
  },
  {
    code: 'investment.funds_allocated',
    name_vi: 'Tổng kinh phí được phân bổ cho các dự án đầu tư do Sở làm chủ đầu tư trong năm',
    section: 'van_phong',
    kind: 'stock',
    unit: 'đồng',
    formula: null,
    parts_of: null,
    breakdown: null,
    notes:
      'Seeds: 002 ("tổng kinh phí được cấp là 28 tỷ đồng"). Mức của năm kế hoạch, không cộng dồn theo tháng. Không có trong gold.',
  },
  {
    code: 'investment.disbursed',
    name_vi: 'Số vốn đầu tư công đã giải ngân',
    section: 'van_phong',
    kind: 'flow',
    unit: 'đồng',
    formula: null,
    parts_of: null,
    breakdown: null,
    notes:
      'Seeds: 002 ("đã giải ngân 1,572 tỷ đồng"), thường lũy kế từ đầu năm (scope cumulative). Không có trong gold.',
  },
  {
    code: 'investment.disbursement_ratio',
    name_vi: 'Tỷ lệ giải ngân so với kế hoạch vốn được giao',
    section: 'van_phong',
    kind: 'ratio',
    unit: '%',
    formula: null,
    parts_of: null,
    breakdown: null,
    notes:
      'Seeds: 002 ("đạt tỷ lệ 15,72% kế hoạch vốn được giao"). Chỉ được nêu: kế hoạch vốn giao trong năm không được nêu (1,572/28 = 5,61% ≠ 15,72%). Không có trong gold.',
  },
];

/** "a / b * 100" → structured formula; anything else is a stated-only ratio. */
function parseFormula(text: string | null): IndicatorInput['formula'] {
  if (!text) return null;
  const match = /^([a-z0-9_.]+)\s*\/\s*([a-z0-9_.]+)\s*(?:\*\s*(\d+))?$/.exec(text.trim());
  if (!match) return null;
  return { numerator: match[1]!, denominator: match[2]!, multiplier: Number(match[3] ?? 1) };
}

function joinNotes(...parts: (string | undefined)[]): string | undefined {
  const text = parts.filter((p) => p && p.length > 0).join(' ');
  return text.length > 0 ? text : undefined;
}

/** Hand-written user notes by code (plain Vietnamese guidance; see the header). */
const USER_NOTES = JSON.parse(readFileSync('catalogue/indicator-notes.json', 'utf8')) as Record<
  string,
  string
>;

function convert(entry: SourceEntry): IndicatorInput {
  const override = OVERRIDES[entry.code];
  if (!override) throw new Error(`No review entry for ${entry.code}`);
  const { addNote, ...fields } = override;
  const kind = fields.kind ?? entry.kind;
  const subsetOf = fields.subsetOf ?? null;
  // A source "part" without a breakdown dimension is a subset, not a summing part.
  const partOf = subsetOf ? null : fields.partOf !== undefined ? fields.partOf : entry.parts_of;
  const indicator: IndicatorInput = {
    code: entry.code,
    name: entry.name_vi,
    nameEn: fields.nameEn,
    unit: entry.unit,
    section: fields.section ?? entry.section,
    kind,
    formula: fields.formula !== undefined ? fields.formula : parseFormula(entry.formula),
    partOf,
    dimension: partOf ? (fields.dimension ?? entry.breakdown) : null,
    subsetOf,
    integer: fields.integer ?? (kind !== 'ratio' && entry.unit !== 'tấn' && !entry.unit.includes('/')),
    required: REQUIRED.has(entry.code),
    notes: USER_NOTES[entry.code],
    reviewNotes: joinNotes(
      entry.notes,
      subsetOf && !entry.notes?.includes('Tập con') ? `${SUBSET_NOTE} của ${subsetOf}.` : undefined,
      addNote,
    ),
  };
  return indicator;
}

const source = [
  ...(JSON.parse(readFileSync('fixtures/catalogue.source.json', 'utf8')) as SourceEntry[]),
  ...ADDED,
];
const unknown = Object.keys(OVERRIDES).filter((code) => !source.some((e) => e.code === code));
if (unknown.length > 0) throw new Error(`Review entries without a source indicator: ${unknown.join(', ')}`);
const strayNotes = Object.keys(USER_NOTES).filter((code) => !source.some((e) => e.code === code));
if (strayNotes.length > 0) throw new Error(`User notes without a source indicator: ${strayNotes.join(', ')}`);
const indicators = source.map(convert);
CatalogueSchema.parse(indicators);
// Four-space indent, as the shipped file is formatted.
writeFileSync('catalogue/indicators.json', `${JSON.stringify(indicators, null, 4)}\n`);
console.log(`catalogue/indicators.json: ${indicators.length} indicators`);
