#!/usr/bin/env node
// Generates the offline snapshot of the Migration Network Hub listings (GCM Objective 11, Drupal
// taxonomy term 289, and a small synthetic Objective 12, term 290) and their truth files, from the
// data tables below.
//
//   node seeds/tools/generate-snapshot.mjs          write seeds/snapshot/objective-{11,12}/* then check
//   node seeds/tools/generate-snapshot.mjs --check  only check the files already written
//
// Plain Node 20 ESM, no dependencies. Deterministic: a fixed-seed PRNG, no current dates.
// The table holds the CLEAN value of every field (what the truth file says); the markup is
// derived from it by explicit, per-row "trap" flags (entities, whitespace, URL variants...).

import { mkdirSync, writeFileSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASE = 'https://migrationnetwork.un.org';
const PAGE_SIZE = 10;

// code -> [label shown in the listing, type code in the truth, URL section (null = /node/<nid>)]
const TYPES = {
  R: ['Resource', 'resource', 'resources'],
  P: ['Practice Repository', 'practice', 'practice'],
  PL: ['Pledge', 'pledge', 'pledge'],
  V: ['Video', 'video', null],
  E: ['Event', 'event', 'events'],
  N: ['News', 'news', 'news'],
  S: ['Statement', 'statement', 'statements'],
  POD: ['Podcast', 'Podcast', null], // unknown label: the truth keeps it as is
};

// ---------------------------------------------------------------------------------------------
// The data table. One row per line:  TYPE | clean title | flags | clean summary (optional)
// In summaries *x* renders as <em>x</em> and **x** as <strong>x</strong> (the truth drops them).
// Flags (space separated, "-" for none):
//   real              row taken from shared/reference/hub.md (title, and URL unless noted)
//   slug=...          explicit slug (real rows); otherwise derived Pathauto-style from the title
//   nid=N             item lives at /node/N
//   date=YYYY-MM-DD   fixed date; otherwise a seeded-random date 2018-12-19..2026-01-30
//   nodate            no views-field-created div at all
//   emptydate         views-field-created present with an empty field-content
//   emptyws           views-field-created present, field-content holds only whitespace
//   time              date wrapped in <time datetime="...">
//   lang=xx           hreflang="xx" (default "en")        nohl   no hreflang attribute
//   prefix            href carries the /xx/ language prefix (xx = lang)
//   abs               absolute href          upper  absolute href with upper-case scheme/host
//   utm               ?utm_source=newsletter&utm_medium=email     frag   #main-content
//   slash             trailing slash on the path
//   ent               non-ASCII title characters as named entities (&ndash; &eacute; &rsquo; ...)
//   num / hex         non-ASCII title characters as decimal / hex numeric entities
//   nbsp              first space of the title as &nbsp;   nbsp2  second space as "&nbsp; "
//   ws                newlines / runs of blanks around and inside the title (and the date)
//   sent              summary non-ASCII characters as named entities
//   sp                summary wrapped in <p>...</p>      sws   newlines inside the summary
//   from11            (Objective 12 only) the same Hub item as the Objective 11 row with this title:
//                     same URL, date and fields (one resource can serve several objectives)
// ---------------------------------------------------------------------------------------------
const TABLE_11 = String.raw`
# ---- Resources (80) ----
R | Humanitarian Border Management in the Silk Routes Region – Afghanistan, Iraq and Pakistan | real slug=humanitarian-border-management-silk-routes-region-afghanistan-iraq-and-pakistan | An IOM review of how border agencies in Afghanistan, Iraq and Pakistan prepare for and respond to large, sudden cross-border movements.
R | Recommended Principles and Guidelines on Human Rights at International Borders | real nid=326 abs | OHCHR principles and guidelines that translate the international human rights framework into *practical*, border-governance measures.
R | MICIC Guidelines in Action - G 12: Establish Clear Referral Procedures among Stakeholders | real slug=micic-guidelines-action-g-12-establish-clear-referral-procedures-among-stakeholders | -
R | UNODC Knowledge Portal on the Smuggling of Migrants | real slug=unodc-knowledge-portal-smuggling-migrants utm | A database of case law, legislation and bibliography on the smuggling of migrants, maintained by UNODC.
R | Principles and guidelines, supported by practical guidance, on the human rights protection of migrants in vulnerable situations | real slug=principles-and-guidelines-supported-practical-guidance-human-rights-protection-migrants | Twenty principles, developed by the Global Migration Group, on the protection of migrants who do not qualify as refugees & who are in vulnerable situations.
R | IOM Integrated Border Management Strategy 2023–2027 | ent | -
R | Human Rights at International Borders: A Trainer’s Guide | - | A modular course for border officials on non-refoulement, the prohibition of collective expulsion and the use of force.
R | Border Governance Framework | nodate | -
R | Guidance Note on Pushbacks and Collective Expulsions at Land Borders | ws | -
R | Gender-responsive Border Management: A Practitioner’s Handbook | - | How to make border crossing points safe for women, girls and gender-diverse travellers: staffing, facilities and **referral**.
R | Child Rights at Borders: Operational Guidance for Border Officials | frag | -
R | Biometrics in Border Management: Data Protection Considerations | - | -
R | Disaster Displacement and Border Management – Guidance for Immigration Officials | - | Practical steps for admitting and assisting people displaced across borders by disasters and the adverse effects of climate change.
R | Health, Border and Mobility Management (HBMM) Framework | - | -
R | Points of Entry Preparedness during Public Health Emergencies | emptydate | -
R | COVID-19 and Border Closures: Impacts on Migrants’ Rights | num | A review of 2020–2021 entry restrictions and their effects on migrants stranded at borders.
R | Advance Passenger Information and Passenger Name Record: A Primer | - | -
R | Technical Guide on Border Management in Cross-Border Communities | slash | -
R | Addressing Mixed Movements at the Border: UNHCR’s 10-Point Plan in Action | - | -
R | Coordinated Border Management: Lessons from West Africa | nohl | -
R | Migration Information and Data Analysis System (MIDAS) Factsheet | - | MIDAS is IOM’s border management information system, installed at more than 200 border crossing points worldwide.
R | Border Management Information Systems: Interoperability Standards | - | -
R | Training Manual on Identification of Vulnerable Migrants at Borders | time | -
R | Guía práctica para la gestión humanitaria de fronteras | lang=es prefix | Una guía para autoridades migratorias sobre la atención a personas en situación de vulnerabilidad en los pasos fronterizos.
R | Gestion intégrée des frontières en Afrique de l’Ouest : état des lieux | lang=fr prefix abs | -
R | Manuel de formation sur les droits de l’homme aux frontières | lang=fr ent | -
R | Protocolo regional de atención a niñas, niños y adolescentes migrantes en frontera | lang=es prefix | -
R | Detention at Borders: Alternatives and Safeguards | - | -
R | Search and Rescue at Sea and Disembarkation: A Human Rights Perspective | - | -
R | “Safe and Dignified”: Reception Standards at Border Crossing Points | - | Minimum standards for water, shelter, privacy and information at crossing points, drawn from the “safe and dignified” approach.
R | Border Management and Climate Mobility in the Pacific | nodate | -
R | One-Stop Border Posts Sourcebook (2nd edition) | - | -
R | Trade & Mobility at Land Borders: Facilitating Small-Scale Cross-Border Traders | - | Small-scale traders – most of them women – cross land borders daily; this study shows how simplified regimes reduce harassment & delays.
R | Monitoring Human Rights at Borders: Independent Mechanisms in Europe | ws | -
R | Preventing Statelessness at Borders: A Toolkit | - | -
R | Border Officials’ Code of Conduct – Model Template | ent | -
R | Integrated Border Management in the Western Balkans: Progress Report | - | -
R | Risk Analysis for Border Management — Common Integrated Risk Analysis Model | - | -
R | Immigration and Border Management Capacity Assessment Tool | abs frag | -
R | Cross-Border Cooperation on Migrant Smuggling in the Sahel | - | -
R | Humanitarian Corridors and Border Management: Policy Brief | emptydate | -
R | Digital Identity and Seamless Travel: Opportunities and Risks for Migrants | - | Biometric corridors promise ‘seamless’ travel; this brief asks *who* is left out and what safeguards apply.
R | Use of Force at Borders: International Standards | - | -
R | Protection-Sensitive Entry Systems: Guidance for States | nbsp | -
R | Border Management in Central Asia: Regional Review 2021 | sent | Progress since 2016 on border agencies’ cooperation – with *country profiles* for five States.
R | Guidelines on Firewalls between Border Enforcement and Public Services | - | -
R | Migrants in Vulnerable Situations at Borders: Screening Checklist | - | -
R | Pre-Departure Screening and Referral – Standard Operating Procedures | hex | -
R | Las fronteras y los derechos humanos de las personas migrantes en América Latina | lang=es | Un análisis regional de las prácticas fronterizas y su compatibilidad con el derecho internacional de los derechos humanos.
R | Guide pratique sur la gestion des frontières et la santé publique | lang=fr prefix | Ce guide présente les mesures sanitaires aux points d’entrée « respectueuses des droits ».
R | Mapping Border Management Capacities in the IGAD Region | - | -
R | Artificial Intelligence at the Border: Human Rights Implications | - | -
R | Training Curriculum on Counter-Trafficking for Border Guards | nodate | -
R | Strengthening Border Management in the Caribbean: Regional Assessment | - | -
R | Border Health Surveillance: Lessons from the Ebola Response | - | -
R | Policy Brief: Border Externalisation and Its Impact on Migrant Protection | - | -
R | Integrated Border Management Handbook <script>alert(1)</script> | - | -
R | The “Border Dilemma”: Balancing Security and Rights | ent | -
R | Manual on Document Examination for Frontline Officers | - | -
R | Guidance on Return Monitoring at Airports | nbsp | How independent monitors can observe forced-return operations from departure to hand-over.
R | Emergency Border Management Operational Framework | nohl | -
R | Responding to Large-Scale Arrivals: Contingency Planning Guide | - | -
R | UNHCR Emergency Handbook: Access to Territory and Non-Refoulement | - | -
R | Women Border Officials Network – Baseline Study | - | -
R | Border Community Engagement Toolkit | - | -
R | Border Management Statistics: A Methodological Note | - | -
R | Land Border Management in the Mekong Subregion | emptydate | -
R | Protecting Migrant Children at Airports: Guidance for Airline and Border Staff | - | -
R | Cross-Border Mobility of Pastoralists: IGAD Transhumance Protocol Explainer | - | -
R | The Rabat Process and Border Cooperation: Thematic Meeting Report | - | -
R | Border Management Competency Framework for Immigration Officers | - | -
R | Human Rights Indicators for Border Governance | - | -
R | Non-Refoulement and Border Procedures: Legal Analysis | - | -
R | Regional Migration Data Hub: Border Crossings Dashboard (Eastern Africa) | - | -
R | Aide-mémoire : identification des victimes de la traite aux points de passage frontaliers | lang=fr ent | -
R | Le principe de non-refoulement « en pratique » aux frontières terrestres | lang=fr | -
R | Evaluation of the Border Management Programme in Libya 2019–2022 | - | -
R | Fact Sheet: Migrants’ Rights at International Airports | nbsp2 | -
R | Immigration Detention Monitoring at Borders – A Practical Guide | - | -
R | Smart Borders and Data Protection: Comparative Study | - | -
# ---- Practices (45) ----
P | EU - IOM Knowledge Management Hub (KMH) | real slug=eu-iom-knowledge-management-hub-kmh | A knowledge hub (2017 - 2022) that supported EU-funded IOM projects on migration and border management.
P | Joint Border Patrols between Niger and Nigeria | - | -
P | One-Stop Border Post at Chirundu (Zambia – Zimbabwe) | - | -
P | Border Community Policing Initiative in Northern Mozambique | ws | -
P | Gender Focal Points at Border Crossing Points in Cambodia | - | Female officers were appointed as focal points at six crossing points to receive complaints and refer women &amp; girls at risk.
P | Humanitarian Border Management Training for Ethiopian Immigration Officials | - | -
P | Mobile Border Posts for Pastoralist Communities in Kenya | sent | Seasonal posts follow herders’ routes so that “crossing” no longer means a 200 km detour.
P | Cross-border Health Surveillance Network in the Lake Chad Basin | nodate | -
P | Child Protection Desks at Points of Entry in Uganda | - | -
P | Integrated Border Stability Mechanism in the Sahel | - | -
P | Digital Border Management System Rollout in Djibouti | utm frag | -
P | Referral Mechanism for Vulnerable Migrants at the Mexico – Guatemala Border | - | Border officials, shelters and the ombudsperson’s office agreed a single referral pathway for children and survivors of violence.
P | Migrant Resource Centres at Land Borders in West Africa | - | -
P | Training of Border Guards on Human Rights in the Republic of Moldova | - | -
P | Sistema de registro migratorio en la frontera norte de Ecuador | lang=es prefix | Registro biométrico voluntario para personas que cruzan por pasos no oficiales, con derivación a servicios de protección.
P | Mesas técnicas binacionales Colombia–Venezuela para la gestión de fronteras | - | -
P | Programme de renforcement des capacités aux postes frontières du Mali | lang=fr prefix | -
P | Coordinated Border Management Committees in Zambia | emptydate | -
P | Independent Border Monitoring Pilot with National Human Rights Institutions | - | -
P | Border Management Information System (MIDAS) in Chad | - | -
P | Sea Border Surveillance and Rescue Coordination in the Eastern Mediterranean | - | -
P | Cross-Border Cooperation Agreements for Disaster Response in the Pacific | - | -
P | Community Liaison Officers at Border Crossings in Southern Bangladesh | - | -
P | Screening and Referral Protocol at Beitbridge Border Post | slash | -
P | Health Screening at Points of Entry during COVID-19 in Thailand | - | -
P | Joint Border Management Training Centre in Tajikistan | nodate | -
P | Women’s Cross-Border Traders Association Support Programme | ent | -
P | Humanitarian Visa Processing at the Border in Costa Rica | - | -
P | E-Gates and Automated Border Control in Georgia | - | -
P | Interagency Risk Analysis Network at the Armenia – Georgia Border | - | -
P | Operação Acolhida: Reception and Documentation at the Border in Roraima | ent | A federal task force provides documentation, vaccination and shelter to arrivals at the Pacaraima crossing.
P | Mobile Courts for Documentation of Border Communities in Sudan | nohl | -
P | Data Sharing Platform between Border Agencies in the East African Community | - | -
P | Standard Operating Procedures for Unaccompanied Children at Ports of Entry | - | -
P | Border Crossing Point Refurbishment with Accessible Facilities | - | -
P | Migrants’ Information Kiosks at International Airports | ws | -
P | Peer Exchange on Integrated Border Management between ASEAN States | - | -
P | Capacity Building on Document Fraud Detection in Papua New Guinea | - | -
P | Dialogue Platform with Border Communities in Northern Niger | time | -
P | Cross-Border Mobility Cards for Frontier Workers | - | -
P | Pilot on Alternatives to Detention at Border Facilities | - | -
P | Protocole de prise en charge des migrants vulnérables au poste frontière de Rosso | lang=fr | Un protocole conjoint police – services sociaux pour l’orientation des personnes vulnérables à Rosso.
P | Border Management Academy Curriculum Reform in Iraq | - | -
P | Anti-Trafficking Desks at Border Crossings in Nepal | emptyws | -
P | Joint Operations Centre for Search and Rescue in the Central Mediterranean | - | -
# ---- Pledges (53) ----
PL | Technical cooperation and exchange of best practices in public policy, relations with donors, and management of migratory crises | real slug=technical-cooperation-and-exchange-best-practices-public-policy-relations-donors-and | -
PL | Collection and dissemination of migration data | real slug=collection-and-dissemination-migration-data | -
PL | UN System pledge | real slug=un-system-pledge abs slash | -
PL | Programa especial de visado humanitario para personas nacionales y residentes en México, Centroamérica y el Caribe desplazadas por desastres socio-naturales | real date=2023-05-24 lang=es prefix | -
PL | Cooperación internacional desde el codesarrollo | real date=2023-05-16 lang=es prefix utm | -
PL | A policy-oriented commitment on Objective 11 by Kenya | - | -
PL | A policy-oriented commitment on Objective 11 by Ecuador | - | -
PL | A policy-oriented commitment on Objective 11 by Portugal | nbsp | -
PL | A policy-oriented commitment on Objective 11 by Morocco | - | -
PL | A policy-oriented commitment on Objective 11 by Ghana | - | -
PL | A policy-oriented commitment on Objective 11 by Thailand | - | -
PL | A policy-oriented commitment on Objective 11 by Canada | upper | -
PL | A policy-oriented commitment on Objective 11 by Chile | - | -
PL | A policy-oriented commitment on Objective 11 by Germany | - | -
PL | A policy-oriented commitment on Objective 11 by Bangladesh | ws | -
PL | A policy-oriented commitment on Objective 11 by Côte d’Ivoire | - | -
PL | A policy-oriented commitment on Objective 11 by Nigeria | nodate | -
PL | A policy-oriented commitment on Objective 11 by the Gambia | - | -
PL | A policy-oriented commitment on Objective 11 by Colombia | - | -
PL | A policy-oriented commitment on Objective 11 by Indonesia | - | -
PL | A financial commitment on Objective 11 by Switzerland | - | -
PL | A financial commitment on Objective 11 by Norway | - | -
PL | A financial commitment on Objective 11 by the Netherlands | - | -
PL | Strengthening integrated border management at the northern border | - | The Government will establish joint border committees and a shared risk analysis cell by the end of 2024.
PL | Human rights training for all border officials by 2025 | - | Every newly recruited officer will complete a **mandatory** human rights module before deployment.
PL | Establishing a national referral mechanism at points of entry | sp | Standard operating procedures will identify and refer victims of trafficking, unaccompanied children and asylum seekers.
PL | Ending the detention of children at borders | - | Children and their families will no longer be held in border facilities; community-based alternatives will be used instead.
PL | Modernising border crossing points with gender-sensitive facilities | frag | -
PL | Expanding cross-border cooperation with neighbouring States | - | -
PL | Digitalisation of entry and exit records | - | -
PL | Implementation of the GCM in border policies – Regional commitment | ent | -
PL | Pledge to support humanitarian border management in Africa | - | -
PL | Ensuring access to asylum procedures at all borders | - | No person will be returned at the border without an individual assessment; “pushbacks” are prohibited in law.
PL | Capacity development for border agencies in Small Island Developing States | - | -
PL | Renforcement de la gestion des frontières et de la coopération transfrontalière | lang=fr prefix | Le Gouvernement s’engage à créer des comités frontaliers mixtes et à former 500 agents d’ici 2025.
PL | Engagement pour une gestion des frontières respectueuse des droits humains | lang=fr sent | Le Gouvernement s’engage à garantir l’accès à l’asile à la frontière – sans exception.
PL | Fortalecimiento de la gestión integrada de fronteras en Centroamérica | lang=es prefix | -
PL | Compromiso con la protección de niñas y niños migrantes en las fronteras | lang=es | Ninguna niña o niño será detenido en un puesto fronterizo por razón de su situación migratoria.
PL | Mejora de la infraestructura en los pasos fronterizos con enfoque de género | - | -
PL | Civil society pledge on independent border monitoring | - | -
PL | Youth-led pledge on safe border crossings | nohl | -
PL | Pledge by the Regional Conference on Migration on coordinated border management | - | -
PL | Joint pledge by cities on border-town inclusion | - | -
PL | Supporting health screening capacities at points of entry | emptydate | -
PL | Data protection safeguards for biometric border systems | - | Biometric data collected at borders will be kept no longer than necessary &amp; shared only under a legal basis.
PL | Trade union pledge on the rights of cross-border workers | - | -
PL | Training curriculum on smuggling and trafficking for border police | - | -
PL | Alternatives to immigration detention at borders | - | -
PL | National action plan on border governance 2022–2026 | num | -
PL | Private sector pledge on safe and responsible air travel screening | - | -
PL | Faith-based organisations’ commitment to humanitarian assistance at borders | - | -
PL | Disaster-displacement-sensitive border procedures | - | -
PL | Pledge on search and rescue coordination at sea | sws | Coast guards will coordinate with neighbouring rescue centres and ensure prompt disembarkation in a place of safety.
# ---- Videos (12) ----
V | Protecting Sustainable Livelihoods with Innovative Border Security | real nid=689 | An IOM video on border security projects that protect the livelihoods of border communities.
V | Humanitarian Border Management Explained | nid=7412 | -
V | Life at the Border: Stories from Cross-Border Traders | nid=7519 | -
V | Migrants’ Rights at Borders – OHCHR Explainer | nid=7633 ent | -
V | Training Border Guards in the Sahel | nid=7702 nodate | -
V | Voices from the Darién | nid=7768 | -
V | One-Stop Border Posts: Faster, Safer Crossings | nid=7841 | -
V | What Is Integrated Border Management? | nid=7907 nohl | -
V | Gender and Borders: Women Officers Speak | nid=8015 | -
V | Points of Entry and Public Health | nid=8126 | -
V | Frontières et droits humains : témoignages | nid=8230 lang=fr prefix | -
V | La frontera también es hogar | nid=8344 lang=es | -
# ---- Events (8) ----
E | Regional Workshop on Humanitarian Border Management | - | A three-day workshop for border agencies of the region on preparedness for mass cross-border movements.
E | Webinar: Human Rights at International Borders – Five Years On | - | -
E | Expert Meeting on Border Governance and Climate Mobility | nbsp | Experts from the Pacific, the Sahel and Central America discussed **admission** on humanitarian grounds.
E | GCM Objective 11 Peer Learning Exchange | abs utm | -
E | Side Event: Borders, Rights and Digital Technologies | - | -
E | Atelier régional sur la gestion coordonnée des frontières | lang=fr prefix | -
E | Launch of the Border Management Competency Framework | - | -
E | Dialogue on Child Rights at Borders | emptydate | -
# ---- News (7) ----
N | Network Welcomes New Guidance on Border Governance | - | The *Border Governance Framework* sets out shared principles for States and UN entities.
N | Border Officials Trained on Human Rights in Central Asia | - | -
N | New Knowledge Platform on Border Management Launched | time | -
N | Member States Share Practices on Managing Borders during the Pandemic | - | -
N | Call for Submissions: Promising Practices on Objective 11 | - | Share your practice with the Hub before 30 June &ndash; all stakeholders are welcome.
N | Hub Reaches 100 Practices on Border Management | - | -
N | Regional Review Highlights Progress on Integrated Border Management | - | -
# ---- Statements (6) ----
S | Statement on Pushbacks at Borders | - | The Network calls on States to end pushbacks and to investigate allegations of violence at borders.
S | Joint Statement: Protecting Migrants’ Rights at Borders during COVID-19 | - | -
S | Statement by the Network on Deaths at Sea | nodate | -
S | Statement on the Humanitarian Situation at Land Borders | - | -
S | Déclaration du Réseau sur les droits des migrants aux frontières | lang=fr prefix frag | -
S | Statement on the International Day of Migrants: Borders and Dignity | - | -
# ---- Unknown label (2) ----
POD | Border Stories Podcast – Episode 3: The Officers | nid=8452 | Border officers from three regions talk about what “humanitarian” border management means in daily work.
POD | Migration Matters Podcast: Borders and Climate | nid=8561 | -
`;

// Objective 12: SYNTHETIC, small (28 rows), to exercise a second objective end to end. Four rows are
// Objective 11 items (from11): the same Hub resources, listed under both objectives.
const TABLE_12 = String.raw`
R | MICIC Guidelines in Action - G 12: Establish Clear Referral Procedures among Stakeholders | from11 | -
R | Principles and guidelines, supported by practical guidance, on the human rights protection of migrants in vulnerable situations | from11 | -
P | Referral Mechanism for Vulnerable Migrants at the Mexico – Guatemala Border | from11 | -
R | Pre-Departure Screening and Referral – Standard Operating Procedures | from11 | -
R | Screening and Referral of Migrants in Mixed Movements: A Field Guide | - | Step-by-step guidance for first-line officials on identifying protection needs and referring people to the right procedure.
R | Individual Assessment in Migration Procedures: Practitioners’ Toolkit | - | -
R | Best Interests Procedures for Migrant Children: Operational Guidance | - | How to run a best interests assessment and determination for unaccompanied and separated children on the move.
R | Identification of Victims of Trafficking among Migrants: Indicators | nodate | -
R | Procedural Safeguards in Return Decisions: A Comparative Study | - | -
R | Guía para la identificación de necesidades de protección en fronteras | lang=es | Herramientas para funcionarios de primera línea sobre la identificación y derivación de personas con necesidades de protección.
R | Interpretation Services in Migration Procedures: Minimum Standards | - | -
PL | A policy-oriented commitment on Objective 12 by Costa Rica | - | -
PL | A policy-oriented commitment on Objective 12 by Portugal | - | -
PL | A financial commitment on Objective 12 by Norway | - | -
PL | National referral mechanism for migrants in vulnerable situations | - | -
PL | Mise en place d’un mécanisme national d’orientation des migrants | lang=fr prefix | -
P | Case Management for Migrants in Vulnerable Situations in Zambia | - | A joint government–UN case management system that screens new arrivals and refers them to shelter, health care and legal aid.
P | Screening Desks at Airports in Kenya | - | -
P | Child-Sensitive Reception and Screening in Greece | - | -
P | Standard Operating Procedures for Mixed Movements in the Caribbean | - | -
P | Legal Information Points at Border Crossings in the Western Balkans | nodate | -
V | Screening and Referral: How it Works | nid=9012 | -
V | Individual Assessment, Explained | nid=9013 | -
E | Regional Workshop on Screening and Referral in Southern Africa | - | -
E | Webinar: Certainty and Predictability in Migration Procedures | - | -
N | New Referral Guidelines Adopted by Regional Consultative Process | - | -
S | Statement on Screening and Referral at the International Migration Review Forum | - | -
S | Joint Statement on Procedural Safeguards for Migrants | - | -
`;

// The listings the snapshot holds. Positions (0-based, in listing order) are where the dateless rows
// are placed, in table order.
const LISTINGS = [
  {
    objective: 11, term: 289, heading: '11 - Manage borders', table: TABLE_11, seed: 20181219,
    intro: 'We commit to manage our national borders in a coordinated manner, promoting bilateral and regional cooperation, ensuring security for States, communities and migrants, and facilitating safe and regular cross-border movements of people while preventing irregular migration.',
    dateless: [6, 19, 33, 47, 60, 74, 88, 101, 115, 129, 142, 158, 171, 189, 205],
  },
  {
    objective: 12, term: 290, heading: '12 - Screening and referral', table: TABLE_12, seed: 20181220,
    intro: 'We commit to increase legal certainty and predictability of migration procedures by developing and strengthening effective and human rights-based mechanisms for the adequate and timely screening and individual assessment of all migrants.',
    dateless: [7, 21],
  },
];
const outOf = (listing) => join(HERE, '..', 'snapshot', `objective-${listing.objective}`);

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------
function mulberry32(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const isoToDisplay = (iso) => { const [y, m, d] = iso.split('-'); return `${d} ${MONTHS[+m - 1]} ${y}`; };
const dayToIso = (day) => new Date(day * 86400000).toISOString().slice(0, 10);
const isoToDay = (iso) => Date.parse(iso + 'T00:00:00Z') / 86400000;

// Pathauto defaults: transliterate, drop punctuation, remove ignore-words, join with "-",
// word-safe truncate so that the whole alias "<section>/<slug>" stays within 100 characters.
const IGNORE = new Set('a an as at before but by for from is in into like of off on onto per since than the this that to up via with'.split(' '));
function slugify(title, section) {
  const words = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/['’‘]/g, '').replace(/[^a-z0-9]+/g, ' ').trim().split(' ')
    .filter((w) => w && !IGNORE.has(w));
  const max = 100 - (section.length + 1);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > max) break;
    slug = next;
  }
  return slug;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#039;');

const NAMED = {
  '–': 'ndash', '—': 'mdash', '’': 'rsquo', '‘': 'lsquo', '“': 'ldquo', '”': 'rdquo', '«': 'laquo',
  '»': 'raquo', 'é': 'eacute', 'è': 'egrave', 'ê': 'ecirc', 'É': 'Eacute', 'à': 'agrave', 'á': 'aacute',
  'ç': 'ccedil', 'ñ': 'ntilde', 'ó': 'oacute', 'í': 'iacute', 'ú': 'uacute', 'ô': 'ocirc', 'ã': 'atilde',
};

// Encode clean text into markup text: Drupal-style escaping, plus optional entity styles.
function encodeText(s, style) {
  let out = escapeHtml(s);
  if (style === 'ent') out = [...out].map((c) => (NAMED[c] ? `&${NAMED[c]};` : c)).join('');
  if (style === 'num') out = [...out].map((c) => (c.codePointAt(0) > 127 ? `&#${c.codePointAt(0)};` : c)).join('');
  if (style === 'hex') out = [...out].map((c) => (c.codePointAt(0) > 127 ? `&#x${c.codePointAt(0).toString(16).toUpperCase()};` : c)).join('');
  return out;
}

// Summaries: "*x*" -> <em>, "**x**" -> <strong>; "&amp;"/"&ndash;" written in the table are
// literal entities meant to appear in the markup (the clean text has "&" / "–").
const LITERAL_ENTITIES = { '&amp;': '&', '&ndash;': '–' };
function summaryClean(s) {
  let t = s.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\*([^*]+)\*/g, '$1');
  for (const [e, c] of Object.entries(LITERAL_ENTITIES)) t = t.split(e).join(c);
  return t;
}
function summaryMarkup(s, style) {
  return s.split(/(\*\*[^*]+\*\*|\*[^*]+\*|&amp;|&ndash;)/).map((part) => {
    if (part in LITERAL_ENTITIES) return part;
    let m;
    if ((m = /^\*\*([^*]+)\*\*$/.exec(part))) return `<strong>${encodeText(m[1], style)}</strong>`;
    if ((m = /^\*([^*]+)\*$/.exec(part))) return `<em>${encodeText(m[1], style)}</em>`;
    return encodeText(part, style);
  }).join('');
}

// ---------------------------------------------------------------------------------------------
// build the dataset
// ---------------------------------------------------------------------------------------------
function parseTable(table) {
  const lines = table.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return lines.map((line, index) => {
    const parts = line.split(' | ');
    if (parts.length !== 4) throw new Error(`table line ${index}: expected 4 fields: ${line}`);
    const [code, title, flagStr, summary] = parts;
    const t = TYPES[code];
    if (!t) throw new Error(`table line ${index}: unknown type ${code}`);
    const flags = {};
    if (flagStr !== '-') for (const tok of flagStr.split(/\s+/)) {
      const eq = tok.indexOf('=');
      if (eq > 0) flags[tok.slice(0, eq)] = tok.slice(eq + 1); else flags[tok] = true;
    }
    if (title !== title.trim() || /\s{2,}/.test(title)) throw new Error(`title not clean: ${title}`);
    let path;
    if (flags.nid) path = `/node/${flags.nid}`;
    else {
      if (!t[2]) throw new Error(`${code} row needs nid=: ${title}`);
      const derived = slugify(title, t[2]);
      if (flags.slug && flags.slug !== derived) console.warn(`note: real slug differs from derived: ${flags.slug} vs ${derived}`);
      path = `/${t[2]}/${flags.slug || derived}`;
    }
    return {
      index, code, label: t[0], type: t[1], title, path, flags,
      summary: summary === '-' ? null : summary,
      dateless: !!(flags.nodate || flags.emptydate || flags.emptyws),
      lang: flags.nohl ? null : (flags.lang || 'en'),
    };
  });
}

// Objective 11's rows by title, for Objective 12's from11 rows.
const built = new Map();

function buildItems(listing) {
  const rows = parseTable(listing.table).map((r) => {
    if (!r.flags.from11) return r;
    const same = built.get(11)?.find((x) => x.title === r.title);
    if (!same) throw new Error(`from11: no Objective 11 row titled ${r.title}`);
    return { ...same, index: r.index };
  });
  const rnd = mulberry32(listing.seed); // the GCM's adoption date as the seed
  const lo = isoToDay('2018-12-19'), hi = isoToDay('2026-01-30');
  for (const r of rows) {
    if (r.dateless) { r.date = null; continue; }
    if (r.date) continue; // a from11 row keeps its date
    r.date = r.flags.date || dayToIso(lo + Math.floor(rnd() * (hi - lo + 1)));
  }
  const dated = rows.filter((r) => !r.dateless)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.index - b.index));
  const dateless = rows.filter((r) => r.dateless);
  if (dateless.length !== listing.dateless.length) throw new Error(`dateless rows ${dateless.length} != positions ${listing.dateless.length}`);
  const order = [...dated];
  listing.dateless.forEach((pos, i) => order.splice(pos, 0, dateless[i]));
  built.set(listing.objective, order);
  return order;
}

// ---------------------------------------------------------------------------------------------
// render
// ---------------------------------------------------------------------------------------------
function renderHref(r) {
  let href = (r.flags.prefix ? `/${r.flags.lang}` : '') + r.path;
  if (r.flags.slash) href += '/';
  if (r.flags.abs) href = BASE + href;
  if (r.flags.upper) href = 'HTTPS://MigrationNetwork.UN.org' + href;
  if (r.flags.utm) href += '?utm_source=newsletter&utm_medium=email';
  if (r.flags.frag) href += '#main-content';
  return escapeHtml(href);
}

function renderTitle(r) {
  const style = r.flags.ent ? 'ent' : r.flags.num ? 'num' : r.flags.hex ? 'hex' : null;
  const words = encodeText(r.title, style).split(' ');
  const seps = new Array(words.length - 1).fill(' ');
  if (r.flags.nbsp) seps[0] = '&nbsp;';
  if (r.flags.nbsp2) seps[1] = '&nbsp; ';
  if (r.flags.ws) {
    seps[Math.min(1, seps.length - 1)] = '\n                ';
    seps[seps.length - 1] = '  \t ';
    return `\n              ${words.map((w, i) => w + (seps[i] ?? '')).join('')}\n            `;
  }
  return words.map((w, i) => w + (seps[i] ?? '')).join('');
}

function renderRow(r) {
  const hl = r.lang ? ` hreflang="${r.lang}"` : '';
  const out = [];
  out.push('      <div class="views-row">');
  out.push(`        <div class="views-field views-field-title"><span class="field-content"><a href="${renderHref(r)}"${hl}>${renderTitle(r)}</a></span></div>`);
  out.push(`        <div class="views-field views-field-type"><span class="field-content">${escapeHtml(r.label)}</span></div>`);
  if (r.date) {
    let d = isoToDisplay(r.date);
    if (r.flags.time) d = `<time datetime="${r.date}T12:00:00Z">${d}</time>`;
    if (r.flags.ws) d = `\n          ${d}\n        `;
    out.push(`        <div class="views-field views-field-created"><span class="field-content">${d}</span></div>`);
  } else if (r.flags.emptydate) {
    out.push('        <div class="views-field views-field-created"><span class="field-content"></span></div>');
  } else if (r.flags.emptyws) {
    out.push('        <div class="views-field views-field-created"><span class="field-content">\n        </span></div>');
  }
  if (r.summary) {
    let s = summaryMarkup(r.summary, r.flags.sent ? 'ent' : null);
    if (r.flags.sws) s = `\n          ${s.replace(' ', '\n            ')}\n        `;
    if (r.flags.sp) s = `<p>${s}</p>`;
    out.push(`        <div class="views-field views-field-body"><div class="field-content">${s}</div></div>`);
  }
  out.push('      </div>');
  return out.join('\n');
}

// Drupal core pager (quantity 9), 0-based ?page= links, 1-based labels.
function renderPager(page, pages) {
  const quantity = 9, middle = Math.ceil(quantity / 2);
  const current = page + 1, max = pages;
  let first = current - middle + 1, last = current + quantity - middle;
  if (last > max) { first = first + (max - last); last = max; }
  if (first <= 0) { last = last + (1 - first); first = 1; }
  const li = [];
  if (current > 1) {
    li.push(`<li class="pager__item pager__item--first"><a href="?page=0" title="Go to first page"><span class="visually-hidden">First page</span><span aria-hidden="true">« First</span></a></li>`);
    li.push(`<li class="pager__item pager__item--previous"><a href="?page=${page - 1}" title="Go to previous page" rel="prev"><span class="visually-hidden">Previous page</span><span aria-hidden="true">‹ Previous</span></a></li>`);
  }
  if (first > 1) li.push(`<li class="pager__item pager__item--ellipsis" role="presentation">&hellip;</li>`);
  for (let n = first; n <= last; n++) {
    if (n === current) li.push(`<li class="pager__item is-active"><a href="?page=${n - 1}" title="Current page" aria-current="page"><span class="visually-hidden">Current page</span>${n}</a></li>`);
    else li.push(`<li class="pager__item"><a href="?page=${n - 1}" title="Go to page ${n}"><span class="visually-hidden">Page</span>${n}</a></li>`);
  }
  if (last < max) li.push(`<li class="pager__item pager__item--ellipsis" role="presentation">&hellip;</li>`);
  if (current < max) {
    li.push(`<li class="pager__item pager__item--next"><a href="?page=${page + 1}" title="Go to next page" rel="next"><span class="visually-hidden">Next page</span><span aria-hidden="true">Next ›</span></a></li>`);
    li.push(`<li class="pager__item pager__item--last"><a href="?page=${max - 1}" title="Go to last page"><span class="visually-hidden">Last page</span><span aria-hidden="true">Last »</span></a></li>`);
  }
  return `    <nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Pagination</h4>
      <ul class="pager__items js-pager__items">
        ${li.join('\n        ')}
      </ul></nav>`;
}

function renderPage(listing, page, pages, rows, total) {
  const HEADING = listing.heading;
  const from = page * PAGE_SIZE + 1, to = page * PAGE_SIZE + rows.length;
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><title>${HEADING} | United Nations Network on Migration</title></head>
<body class="path-taxonomy">
<main role="main">
  <div class="taxonomy-term vocabulary-gcm-objectives"><h1>${HEADING}</h1><p>${listing.intro}</p></div>
  <div class="views-element-container">
   <div class="view view-taxonomy-term view-id-taxonomy_term view-display-id-page_1">
    <h2>Content relevant to &quot;${HEADING}&quot;</h2>
    <div class="view-header">Displaying results ${from} - ${to} of ${total}</div>
    <div class="view-content">
${rows.map(renderRow).join('\n')}
    </div>
${renderPager(page, pages)}
   </div>
  </div>
</main>
<footer><p>*References to Kosovo shall be understood to be in the context of United Nations Security Council resolution 1244 (1999).</p><p>Subscribe to our newsletter.</p></footer>
</body></html>
`;
}

function generate(listing) {
  const OUT = outOf(listing);
  const order = buildItems(listing);
  const total = order.length;
  const pages = Math.ceil(total / PAGE_SIZE);
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (/^page-\d+\.html$/.test(f) && +f.match(/\d+/)[0] >= pages) throw new Error(`stale file ${f}`);
  const items = [];
  for (let p = 0; p < pages; p++) {
    const rows = order.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    writeFileSync(join(OUT, `page-${p}.html`), renderPage(listing, p, pages, rows, total));
    rows.forEach((r, i) => items.push({
      page: p, position: i, url: BASE + r.path, title: r.title, typeLabel: r.label, type: r.type,
      date: r.date, summary: r.summary === null ? null : summaryClean(r.summary), language: r.lang,
    }));
  }
  const truth = { objective: listing.objective, term: listing.term, total, pages, items };
  writeFileSync(join(OUT, 'expected.json'), JSON.stringify(truth, null, 2) + '\n');
  console.log(`wrote ${pages} pages + expected.json to ${OUT}`);
}

// ---------------------------------------------------------------------------------------------
// check: re-read the files with an independent regex parser and compare to expected.json
// ---------------------------------------------------------------------------------------------
const ENT = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…' };
for (const [c, n] of Object.entries(NAMED)) ENT[n] = c;
const decode = (s) => s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) =>
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : +e.slice(1))
    : (ENT[e] ?? (() => { throw new Error(`unknown entity ${m}`); })()));
const text = (html) => decode(html.replace(/<[^>]*>/g, '')).replace(/[\s\u00a0]+/g, ' ').trim();
const LABEL_TO_TYPE = Object.fromEntries(Object.values(TYPES).map(([l, t]) => [l, t]));

function canonical(href) {
  const u = new URL(href, BASE);
  let path = u.pathname.replace(/^\/(es|fr|ar|ru|zh)(?=\/)/, '').replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}`;
}

function check(listing) {
  const OUT = outOf(listing);
  const fail = [];
  const truth = JSON.parse(readFileSync(join(OUT, 'expected.json'), 'utf8'));
  const files = readdirSync(OUT).filter((f) => /^page-\d+\.html$/.test(f));
  if (files.length !== truth.pages) fail.push(`${files.length} page files, expected ${truth.pages}`);
  const parsed = [];
  for (let p = 0; p < truth.pages; p++) {
    const f = join(OUT, `page-${p}.html`);
    if (!existsSync(f)) { fail.push(`missing page-${p}.html`); continue; }
    const html = readFileSync(f, 'utf8');
    const chunks = html.split('<div class="views-row">').slice(1);
    const expectRows = Math.min(PAGE_SIZE, truth.total - p * PAGE_SIZE);
    const m = /Displaying results (\d+) - (\d+) of (\d+)/.exec(html);
    if (!m || +m[1] !== p * PAGE_SIZE + 1 || +m[2] !== p * PAGE_SIZE + expectRows || +m[3] !== truth.total)
      fail.push(`page ${p}: header ${m && m[0]}`);
    if (chunks.length !== expectRows) fail.push(`page ${p}: ${chunks.length} rows, expected ${expectRows}`);
    chunks.forEach((c, i) => {
      const a = /<a href="([^"]*)"(?: hreflang="([^"]*)")?>([\s\S]*?)<\/a>/.exec(c);
      const ty = /views-field-type"><span class="field-content">([^<]*)</.exec(c);
      const dt = /views-field-created"><span class="field-content">([\s\S]*?)<\/span><\/div>/.exec(c);
      const sm = /views-field-body"><div class="field-content">([\s\S]*?)<\/div><\/div>/.exec(c);
      const label = text(ty[1]);
      const d = dt ? text(dt[1]) : '';
      let date = null;
      if (d) {
        const dm = /^(\d{2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(d);
        if (!dm) fail.push(`page ${p} row ${i}: bad date ${JSON.stringify(d)}`);
        else date = `${dm[3]}-${String(MONTHS.indexOf(dm[2]) + 1).padStart(2, '0')}-${dm[1]}`;
      }
      parsed.push({
        page: p, position: i, url: canonical(decode(a[1])), title: text(a[3]), typeLabel: label,
        type: LABEL_TO_TYPE[label] ?? label, date, summary: sm ? text(sm[1]) : null, language: a[2] ?? null,
      });
    });
  }
  if (truth.items.length !== truth.total) fail.push(`items ${truth.items.length} != total ${truth.total}`);
  const n = Math.max(parsed.length, truth.items.length);
  for (let i = 0; i < n; i++) {
    const a = JSON.stringify(parsed[i]), b = JSON.stringify(truth.items[i]);
    if (a !== b) fail.push(`item ${i} differs:\n  parsed   ${a}\n  expected ${b}`);
  }
  const urls = new Set(truth.items.map((x) => x.url));
  const titles = new Set(truth.items.map((x) => x.title));
  if (urls.size !== truth.total) fail.push(`unique canonical URLs ${urls.size} != ${truth.total}`);
  if (titles.size !== truth.total) fail.push(`unique titles ${titles.size} != ${truth.total}`);
  for (const u of urls) if (!/^https:\/\/migrationnetwork\.un\.org\/(resources|practice|pledge|events|news|statements|node)\/[a-z0-9-]+$/.test(u)) fail.push(`non-canonical url ${u}`);
  const dated = truth.items.filter((x) => x.date);
  for (let i = 1; i < dated.length; i++) if (dated[i].date > dated[i - 1].date) fail.push(`not newest-first at ${dated[i].url}`);
  for (const x of dated) if (x.date < '2018-01-01' || x.date > '2026-12-31') fail.push(`date out of range ${x.date}`);

  // summary
  const count = (f) => truth.items.filter(f).length;
  const byType = {};
  for (const x of truth.items) byType[x.typeLabel] = (byType[x.typeLabel] || 0) + 1;
  const all = files.map((f) => readFileSync(join(OUT, f), 'utf8')).join('\n');
  const occurrences = (re) => (all.match(re) || []).length;
  console.log(`pages: ${files.length}  items: ${truth.items.length}  unique canonical URLs: ${urls.size}`);
  console.log(`types: ${Object.entries(byType).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  console.log(`dateless: ${count((x) => !x.date)} (no created div: ${truth.items.length - occurrences(/views-field-created/g)})` +
    `  summaries: ${count((x) => x.summary)}  language: en=${count((x) => x.language === 'en')} es=${count((x) => x.language === 'es')} fr=${count((x) => x.language === 'fr')} null=${count((x) => x.language === null)}`);
  console.log(`traps in markup: /es|fr/ prefixed hrefs=${occurrences(/href="(?:https:\/\/migrationnetwork\.un\.org)?\/(?:es|fr)\//g)}` +
    ` absolute=${occurrences(/href="https?:\/\//gi)} utm=${occurrences(/utm_source/g)} fragment=${occurrences(/#main-content"/g)}` +
    ` trailing-slash=${occurrences(/\/" hreflang|\/">/g)} upper-host=${occurrences(/href="HTTPS:\/\/MigrationNetwork/g)}` +
    ` &nbsp;=${occurrences(/&nbsp;/g)} named-entities=${occurrences(/&(?:ndash|mdash|rsquo|ldquo|rdquo|eacute|laquo|raquo|ccedil|atilde);/g)}` +
    ` numeric=${occurrences(/&#(?!039;)(?:x[0-9A-F]+|\d+);/g)} <time>=${occurrences(/<time /g)} <em>/<strong>=${occurrences(/<(?:em|strong)>/g)}` +
    ` escaped-script=${occurrences(/&lt;script&gt;/g)}`);
  if (fail.length) { console.error(`CHECK FAILED (${fail.length}):\n` + fail.slice(0, 30).join('\n')); process.exit(1); }
  console.log(`objective ${listing.objective}: check OK`);
}

for (const listing of LISTINGS) {
  if (!process.argv.includes('--check')) generate(listing);
  else buildItems(listing); // Objective 12's from11 rows need Objective 11's
  check(listing);
}
// The shared rows are the same items in both truth files.
const truths = LISTINGS.map((l) => JSON.parse(readFileSync(join(outOf(l), 'expected.json'), 'utf8')));
const shared = truths[1].items.filter((x) => truths[0].items.some((y) => y.url === x.url));
for (const x of shared) {
  const y = truths[0].items.find((i) => i.url === x.url);
  for (const k of ['title', 'typeLabel', 'type', 'date', 'summary', 'language']) {
    if (x[k] !== y[k]) { console.error(`shared item ${x.url}: ${k} differs between objectives`); process.exit(1); }
  }
}
console.log(`objectives 11 and 12 share ${shared.length} items`);
