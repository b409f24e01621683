"""Labels, dates and numbers in the reader's language.

The language is Material's `theme.language`. Dates and numbers are formatted
by Babel (already installed with Material; CLDR data beats a hand-written
table); the few dozen labels are ours. Unknown languages fall back to English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol

from milepost.core.numbers import number

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "budget_rest": "The other {n}",
        "calendar_page": "Calendar", "cal_prev": "Previous month", "cal_next": "Next month", "cal_months": "All months", "cal_week": "Week {n}", "cal_week_short": "Wk", "cal_starts": "starts", "cal_ends": "ends", "cal_period": "key-date period", "cal_running_n": "{n} running", "cal_running": "Running this month, by roadmap", "cal_long_span": "This calendar spans {n} years ({first}–{last}), so it has a page only for the months in which something starts, ends or falls due, and for this month. A date with a mistyped year stretches it: check the earliest and the latest dates.", "cal_busy": "{n} campaigns run this month: too many to draw one by one. Each day says how many run; the list below gives them by roadmap, and each roadmap's page draws them.", "cal_legend": "◆ milestone · ▶ starts · ■ ends · ◇ key date · bars: campaigns running", "cal_shown": "{shown} of {total} entries", "cal_toolbar": "Filter the calendar",
        "rows_shown": "{first}–{last} on this page", "pages": "Pages",
        "quarter": "Quarter",
        "budget_page": "Budget", "currency": "Currency", "planned_amount": "Planned", "envelope": "Roadmap budget", "chart": "Chart", "over_budget": "over budget", "unassigned": "unassigned", "no_budgets": "No campaign has a budget yet.", "budget_site": "The whole site", "budget_by_roadmap": "By roadmap", "budget_by_channel": "By channel", "budget_by_quarter": "By quarter", "budget_by_goal": "By goal", "burning": "Spending ahead of time", "burning_intro": "Campaigns that have spent a larger share of their budget than of their days (by more than 10 points).", "budget_intro": "Planned is the sum of the campaigns' budgets, spent what they report; each currency on its own, never converted. A roadmap's own budget is the envelope its campaigns are held against.", "budget_channel_rule": "A budget line with a channel counts for that channel; the rest of a campaign's budget is split evenly over its channels (unassigned without channels).", "budget_quarter_rule": "A campaign's budget is spread over the quarters in proportion to its days in each.", "budget_goal_rule": "A campaign serving several goals counts in full under each, so these rows add up to more than the total.", "goal_spend": "Campaigns serving this goal", "goal_spend_intro": "What the campaigns serving this goal plan and spend, per currency.",
        "goal": "Goal", "roadmap": "Roadmap", "campaign": "Campaign", "calendar": "Calendar", "key_dates": "Key dates", "key_date": "Key date", "markets": "Markets", "all_markets": "all markets", "preview_title": "Roadmap errors ({n})", "preview_intro": "The roadmap documents have errors, so the site cannot be built. Fix each one in its file (file:line:column); this page turns into the real one as soon as they are fixed. mkdocs build fails until then.", "preview_warnings": "{n} warnings", "past_key_dates": "{n} key dates already past",
        "goals": "Goals", "roadmaps": "Roadmaps", "campaigns": "Campaigns",
        "owner": "Owner", "owners": "Owners", "status": "Status", "dates": "Dates", "duration": "Duration",
        "days": "{n} days", "budget": "Budget", "spent": "Spent", "remaining": "Remaining", "total": "Total",
        "teams": "Teams", "team": "Team", "channels": "Channels", "channel": "Channel", "tags": "Tags",
        "depends_on": "Depends on", "dependents": "Needed by", "progress": "Progress",
        "kpis": "KPIs", "metric": "Metric", "target": "Target", "actual": "Actual", "unit": "Unit",
        "alert": "Alert", "in_alert": "In alert", "ok": "OK", "alert_below": "below {v}", "alert_above": "above {v}",
        "risks": "Risks", "risk": "Risk", "likelihood": "Likelihood", "impact": "Impact", "contingency": "Contingency",
        "no_contingency": "No contingency plan", "milestones": "Milestones", "milestone": "Milestone", "date": "Date",
        "done": "done", "activities": "Work breakdown", "activity": "Activity", "deliverable": "Deliverable",
        "deadline": "Deadline", "days_left": "{n} days left", "overdue_by": "{n} days overdue", "baseline": "Baseline",
        "current": "Current", "parent_goal": "Contributes to", "child_goals": "Sub-goals", "priority": "Priority",
        "served_by": "Served by", "allocated": "Budget allocated", "type": "Type", "period": "Period",
        "timeline": "Timeline", "home": "Overview", "running_now": "Running now", "next_milestones": "Milestones in the next 30 days",
        "attention": "Needs attention", "kpis_in_alert": "KPIs in alert", "overdue": "overdue", "nothing": "Nothing here.",
        "exports": "Exports", "export_json": "All data (JSON)", "export_ics": "Calendar (iCalendar)", "export_csv": "Plan (CSV)",
        "by_owner": "By owner", "by_channel": "By channel", "by_team": "By team", "load": "Weekly load",
        "overloaded": "overloaded", "week_of": "week of {d}", "today": "Today", "legend": "Legend", "none": "—",
        "status_planned": "planned", "status_in-progress": "in progress", "status_at-risk": "at risk",
        "status_delayed": "delayed", "status_done": "done", "status_cancelled": "cancelled",
        "level_low": "low", "level_medium": "medium", "level_high": "high",
        "priority_core": "core", "priority_supporting": "supporting", "remaining_budget": "Roadmap budget",
        "summary": "Summary", "concurrent": "{n} campaigns at once", "reduce": "reduce", "last_updated": "Last updated",
        "overview_note": "{n} campaigns are too many to draw one by one: each bar here is a roadmap, in lanes by roadmap type. A roadmap's page draws its campaigns.", "peak_load": "Most in one week", "long_span": "This timeline spans {n} years ({first}–{last}), so it marks only years. A date with a mistyped year stretches it: check the earliest and the latest dates.", "load_window": "Weeks from {first} to {last} are shown; this owner also has campaigns outside them.",
        "more": "… and {n} more, on each owner's page:",
        "updates": "Progress log", "latest_update": "Latest update", "update_of": "{d}", "retrospective": "Retrospective",
        "retro_result": "Result", "retro_process": "Process", "retro_strategy": "Strategy", "lessons": "Lessons learned",
        "lessons_intro": "Every retrospective of the site, newest first: what was reached against the targets, how the work went, and what to repeat or change.",
        "needs_retrospective": "Done, without a retrospective", "budget_lines": "Budget lines", "item": "Item", "unallocated": "not in any line",
        "after": "after", "plus_weeks": "+ {n} weeks", "plus_week": "+ 1 week", "plus_days": "+ {n} days", "plus_day": "+ 1 day",
        "for_weeks": "for {n} weeks", "for_week": "for 1 week", "for_days": "for {n} days", "for_day": "for 1 day", "written": "as written",
        "all": "all", "filter": "Show", "shown_of": "{shown} of {total}",
        "changes": "What changed", "shallow": "This is a shallow clone: only the most recent history is available, so older changes are missing. Fetch the whole history (fetch-depth: 0) to see them.",
        "health": "Health", "health_achieved": "achieved", "health_missed": "missed", "health_no-data": "no data", "health_on-track": "on track", "health_behind": "behind", "health_off-track": "off track", "expected_today": "Expected today", "pace": "expected by today: {p}",
        "and_more": "and {n} more", "share_done": "Done", "type_strategic": "strategic", "type_campaign": "campaign", "type_channel": "channel", "type_event": "event", "type_product": "product", "type_digital": "digital", "type_portfolio": "portfolio", "type_project": "project",
        "this_quarter": "This quarter: Q{q} {y}", "this_fiscal_quarter": "This quarter: FY{y} Q{q}", "quarter_counts": "{running} campaigns run, {starting} start, {ending} end", "goals_by_health": "Goals by health", "running_quarter": "Running this quarter", "starting_quarter": "Starting this quarter", "ending_quarter": "Ending this quarter", "full_list": "Full list: {what}",
        "tl_toolbar": "Filter and zoom the timeline", "tl_all": "All", "tl_zoom": "Zoom", "tl_auto": "Auto", "tl_month": "Month", "tl_quarter": "Quarter", "tl_year": "Year", "tl_reset": "Show all", "tl_shown": "{shown} of {total} campaigns", "tl_shown_roadmaps": "{shown} of {total} roadmaps", "dependencies": "Dependencies", "dependency": "{target} starts after {source} ends", "dependency_late": "{target} starts {start}, before {source} ends {end}", "milestones_n": "{n} milestones",
        "svg_download": "Download SVG", "print": "Print", "svg_built": "Built {date}",
        "load_scale": "campaigns running each week; over {n} is overloaded", "also_owns": "Also owns", "n_goals": "{n} goals", "n_roadmaps": "{n} roadmaps", "n_activities": "{n} activities",
        "variance": "Against the baseline", "plan_baseline": "Baseline", "variance_intro": "The plan now, against the baseline {ref} ({commit}).", "slipped": "Slipped", "moved_earlier": "Moved earlier", "added_since": "Added since the baseline", "removed_since": "Removed since the baseline", "budget_changes": "Budget changes", "milestones_moved": "Milestones moved", "slip": "Slip", "pushes": "Pushes", "new": "new", "new_since": "New since the baseline", "threshold": "Only slips of more than (days)", "now": "Now", "change": "Change", "history": "History", "pace_line": "Expected pace", "value": "Value", "stale_data": "Stale data", "stale_note": "Running campaigns whose KPI actuals have not changed in Git for more than {n} days.", "stale_since": "KPI actuals last changed {d}, {n} days ago: report the latest numbers.", "kind": "Kind", "not_in_baseline": "not in the baseline",
    },
    "fr": {
        "budget_rest": "Les {n} autres",
        "calendar_page": "Calendrier", "cal_prev": "Mois précédent", "cal_next": "Mois suivant", "cal_months": "Tous les mois", "cal_week": "Semaine {n}", "cal_week_short": "Sem.", "cal_starts": "début", "cal_ends": "fin", "cal_period": "période clé", "cal_running_n": "{n} en cours", "cal_running": "En cours ce mois-ci, par feuille de route", "cal_long_span": "Ce calendrier couvre {n} ans ({first}–{last}) : il n'a de page que pour les mois où quelque chose commence, finit ou arrive à échéance, et pour ce mois-ci. Une date à l'année mal saisie l'étire : vérifiez la plus ancienne et la plus récente.", "cal_busy": "{n} campagnes se déroulent ce mois-ci : trop pour les dessiner une à une. Chaque jour indique combien sont en cours ; la liste ci-dessous les donne par feuille de route, et la page de chaque feuille de route les dessine.", "cal_legend": "◆ jalon · ▶ début · ■ fin · ◇ date clé · barres : campagnes en cours", "cal_shown": "{shown} entrées sur {total}", "cal_toolbar": "Filtrer le calendrier",
        "rows_shown": "{first} à {last} sur cette page", "pages": "Pages",
        "quarter": "Trimestre",
        "budget_page": "Budget", "currency": "Devise", "planned_amount": "Prévu", "envelope": "Budget de la feuille de route", "chart": "Graphique", "over_budget": "budget dépassé", "unassigned": "non attribué", "no_budgets": "Aucune campagne n'a encore de budget.", "budget_site": "Tout le site", "budget_by_roadmap": "Par feuille de route", "budget_by_channel": "Par canal", "budget_by_quarter": "Par trimestre", "budget_by_goal": "Par objectif", "burning": "Dépenses en avance", "burning_intro": "Campagnes qui ont dépensé une part de leur budget plus grande que celle de leurs jours écoulés (de plus de 10 points).", "budget_intro": "Le prévu est la somme des budgets des campagnes, le dépensé ce qu'elles déclarent ; chaque devise à part, jamais convertie. Le budget d'une feuille de route est l'enveloppe de ses campagnes.", "budget_channel_rule": "Une ligne de budget avec un canal compte pour ce canal ; le reste du budget d'une campagne est réparti également entre ses canaux (non attribué sans canal).", "budget_quarter_rule": "Le budget d'une campagne est réparti entre les trimestres au prorata de ses jours dans chacun.", "budget_goal_rule": "Une campagne qui sert plusieurs objectifs compte en entier pour chacun : ces lignes dépassent donc le total.", "goal_spend": "Campagnes au service de cet objectif", "goal_spend_intro": "Ce que prévoient et dépensent les campagnes au service de cet objectif, par devise.",
        "goal": "Objectif", "roadmap": "Feuille de route", "campaign": "Campagne", "calendar": "Calendrier de dates clés", "key_dates": "Dates clés", "key_date": "Date clé", "markets": "Marchés", "all_markets": "tous les marchés", "preview_title": "Erreurs dans les feuilles de route ({n})", "preview_intro": "Les documents de feuille de route contiennent des erreurs : le site ne peut pas être construit. Corrigez chacune dans son fichier (fichier:ligne:colonne) ; cette page laisse place à la vraie dès qu'elles sont corrigées. mkdocs build échoue d'ici là.", "preview_warnings": "{n} avertissements", "past_key_dates": "{n} dates clés déjà passées",
        "goals": "Objectifs", "roadmaps": "Feuilles de route", "campaigns": "Campagnes",
        "owner": "Responsable", "owners": "Responsables", "status": "Statut", "dates": "Dates", "duration": "Durée",
        "days": "{n} jours", "budget": "Budget", "spent": "Dépensé", "remaining": "Restant", "total": "Total",
        "teams": "Équipes", "team": "Équipe", "channels": "Canaux", "channel": "Canal", "tags": "Étiquettes",
        "depends_on": "Dépend de", "dependents": "Requis par", "progress": "Avancement",
        "kpis": "KPI", "metric": "Indicateur", "target": "Cible", "actual": "Réel", "unit": "Unité",
        "alert": "Alerte", "in_alert": "En alerte", "ok": "OK", "alert_below": "sous {v}", "alert_above": "au-dessus de {v}",
        "risks": "Risques", "risk": "Risque", "likelihood": "Probabilité", "impact": "Impact", "contingency": "Plan de repli",
        "no_contingency": "Aucun plan de repli", "milestones": "Jalons", "milestone": "Jalon", "date": "Date",
        "done": "atteint", "activities": "Découpage du travail", "activity": "Activité", "deliverable": "Livrable",
        "deadline": "Échéance", "days_left": "{n} jours restants", "overdue_by": "{n} jours de retard", "baseline": "Point de départ",
        "current": "Actuel", "parent_goal": "Contribue à", "child_goals": "Sous-objectifs", "priority": "Priorité",
        "served_by": "Servi par", "allocated": "Budget alloué", "type": "Type", "period": "Période",
        "timeline": "Calendrier", "home": "Vue d'ensemble", "running_now": "En cours", "next_milestones": "Jalons des 30 prochains jours",
        "attention": "À surveiller", "kpis_in_alert": "KPI en alerte", "overdue": "en retard", "nothing": "Rien à signaler.",
        "exports": "Exports", "export_json": "Toutes les données (JSON)", "export_ics": "Agenda (iCalendar)", "export_csv": "Plan (CSV)",
        "by_owner": "Par responsable", "by_channel": "Par canal", "by_team": "Par équipe", "load": "Charge hebdomadaire",
        "overloaded": "surchargé", "week_of": "semaine du {d}", "today": "Aujourd'hui", "legend": "Légende", "none": "—",
        "status_planned": "prévu", "status_in-progress": "en cours", "status_at-risk": "à risque",
        "status_delayed": "retardé", "status_done": "terminé", "status_cancelled": "annulé",
        "level_low": "faible", "level_medium": "moyen", "level_high": "élevé",
        "priority_core": "principal", "priority_supporting": "secondaire", "remaining_budget": "Budget de la feuille de route",
        "summary": "Résumé", "concurrent": "{n} campagnes simultanées", "reduce": "réduire", "last_updated": "Dernière mise à jour",
        "overview_note": "{n} campagnes, c'est trop pour les dessiner une à une : chaque barre est ici une feuille de route, par type. La page d'une feuille de route dessine ses campagnes.", "peak_load": "Max. par semaine", "long_span": "Cette frise couvre {n} ans ({first}–{last}) ; elle ne marque donc que les années. Une date à l'année mal saisie l'étire : vérifiez la première et la dernière date.", "load_window": "Semaines du {first} au {last} ; ce responsable a aussi des campagnes en dehors.",
        "more": "… et {n} de plus, sur la page de chaque responsable :",
        "changes": "Ce qui a changé", "shallow": "Clone superficiel : seul l'historique récent est disponible, les changements plus anciens manquent. Récupérez tout l'historique (fetch-depth: 0) pour les voir.",
        "health": "Trajectoire", "health_achieved": "atteint", "health_missed": "manqué", "health_no-data": "sans données", "health_on-track": "en bonne voie", "health_behind": "en retard", "health_off-track": "hors trajectoire", "expected_today": "Attendu aujourd'hui", "pace": "attendu à ce jour : {p}",
        "and_more": "et {n} de plus", "share_done": "Terminé", "type_strategic": "stratégique", "type_campaign": "campagne", "type_channel": "canal", "type_event": "événement", "type_product": "produit", "type_digital": "digital", "type_portfolio": "portefeuille", "type_project": "projet",
        "this_quarter": "Ce trimestre : T{q} {y}", "this_fiscal_quarter": "Ce trimestre : T{q} de l'exercice FY{y}", "quarter_counts": "{running} campagnes en cours, {starting} commencent, {ending} se terminent", "goals_by_health": "Objectifs par trajectoire", "running_quarter": "En cours ce trimestre", "starting_quarter": "Commencent ce trimestre", "ending_quarter": "Se terminent ce trimestre", "full_list": "Liste complète : {what}",
        "tl_toolbar": "Filtrer et zoomer le calendrier", "tl_all": "Tous", "tl_zoom": "Zoom", "tl_auto": "Auto", "tl_month": "Mois", "tl_quarter": "Trimestre", "tl_year": "Année", "tl_reset": "Tout afficher", "tl_shown": "{shown} campagnes sur {total}", "tl_shown_roadmaps": "{shown} feuilles de route sur {total}", "dependencies": "Dépendances", "dependency": "{target} commence après la fin de {source}", "dependency_late": "{target} commence le {start}, avant la fin de {source} le {end}", "milestones_n": "{n} jalons",
        "svg_download": "Télécharger en SVG", "print": "Imprimer", "svg_built": "Généré le {date}",
        "load_scale": "campagnes en cours chaque semaine ; au-delà de {n}, surcharge", "also_owns": "Responsable aussi de", "n_goals": "{n} objectifs", "n_roadmaps": "{n} feuilles de route", "n_activities": "{n} activités",
        "variance": "Écarts au plan de référence", "plan_baseline": "Plan de référence", "variance_intro": "Le plan actuel, comparé au plan de référence {ref} ({commit}).", "slipped": "En retard", "moved_earlier": "Avancés", "added_since": "Ajoutés depuis la référence", "removed_since": "Retirés depuis la référence", "budget_changes": "Budgets modifiés", "milestones_moved": "Jalons déplacés", "slip": "Écart", "pushes": "Repousse", "new": "nouveau", "new_since": "Nouveau depuis la référence", "threshold": "Seulement les écarts de plus de (jours)", "now": "Actuel", "change": "Variation", "history": "Historique", "pace_line": "Rythme attendu", "value": "Valeur", "stale_data": "Données anciennes", "stale_note": "Campagnes en cours dont les valeurs réelles des KPI n'ont pas changé dans Git depuis plus de {n} jours.", "stale_since": "Valeurs réelles des KPI modifiées pour la dernière fois le {d}, il y a {n} jours : saisissez les derniers chiffres.", "kind": "Type", "not_in_baseline": "absent de la référence",
    },
    "it": {
        "budget_rest": "Gli altri {n}",
        "calendar_page": "Calendario mensile", "cal_prev": "Mese precedente", "cal_next": "Mese successivo", "cal_months": "Tutti i mesi", "cal_week": "Settimana {n}", "cal_week_short": "Sett.", "cal_starts": "inizio", "cal_ends": "fine", "cal_period": "periodo chiave", "cal_running_n": "{n} in corso", "cal_running": "In corso questo mese, per roadmap", "cal_long_span": "Questo calendario copre {n} anni ({first}–{last}): ha una pagina solo per i mesi in cui qualcosa inizia, finisce o scade, e per questo mese. Una data con l'anno sbagliato lo allunga: controllate la prima e l'ultima data.", "cal_busy": "{n} campagne si svolgono questo mese: troppe per disegnarle una per una. Ogni giorno dice quante sono in corso; l'elenco qui sotto le dà per roadmap, e la pagina di ogni roadmap le disegna.", "cal_legend": "◆ milestone · ▶ inizio · ■ fine · ◇ data chiave · barre: campagne in corso", "cal_shown": "{shown} di {total} voci", "cal_toolbar": "Filtra il calendario",
        "rows_shown": "da {first} a {last} in questa pagina", "pages": "Pagine",
        "quarter": "Trimestre",
        "budget_page": "Budget", "currency": "Valuta", "planned_amount": "Previsto", "envelope": "Budget della roadmap", "chart": "Grafico", "over_budget": "fuori budget", "unassigned": "non assegnato", "no_budgets": "Nessuna campagna ha ancora un budget.", "budget_site": "Tutto il sito", "budget_by_roadmap": "Per roadmap", "budget_by_channel": "Per canale", "budget_by_quarter": "Per trimestre", "budget_by_goal": "Per obiettivo", "burning": "Spesa in anticipo", "burning_intro": "Campagne che hanno speso una quota del budget maggiore di quella dei giorni trascorsi (di oltre 10 punti).", "budget_intro": "Il previsto è la somma dei budget delle campagne, lo speso ciò che riportano; ogni valuta a sé, mai convertita. Il budget di una roadmap è il tetto delle sue campagne.", "budget_channel_rule": "Una voce di budget con un canale conta per quel canale; il resto del budget di una campagna è diviso in parti uguali tra i suoi canali (non assegnato senza canali).", "budget_quarter_rule": "Il budget di una campagna è distribuito sui trimestri in proporzione ai suoi giorni in ciascuno.", "budget_goal_rule": "Una campagna che serve più obiettivi conta per intero sotto ciascuno: queste righe superano il totale.", "goal_spend": "Campagne al servizio di questo obiettivo", "goal_spend_intro": "Quanto prevedono e spendono le campagne al servizio di questo obiettivo, per valuta.",
        "goal": "Obiettivo", "roadmap": "Roadmap", "campaign": "Campagna", "calendar": "Calendario", "key_dates": "Date chiave", "key_date": "Data chiave", "markets": "Mercati", "all_markets": "tutti i mercati", "preview_title": "Errori nelle roadmap ({n})", "preview_intro": "I documenti delle roadmap contengono errori: il sito non può essere costruito. Correggili nel loro file (file:riga:colonna); questa pagina lascia il posto a quella vera appena sono corretti. Fino ad allora mkdocs build fallisce.", "preview_warnings": "{n} avvisi", "past_key_dates": "{n} date chiave già passate",
        "goals": "Obiettivi", "roadmaps": "Roadmap", "campaigns": "Campagne",
        "owner": "Responsabile", "owners": "Responsabili", "status": "Stato", "dates": "Date", "duration": "Durata",
        "days": "{n} giorni", "budget": "Budget", "spent": "Speso", "remaining": "Residuo", "total": "Totale",
        "teams": "Team", "team": "Team", "channels": "Canali", "channel": "Canale", "tags": "Etichette",
        "depends_on": "Dipende da", "dependents": "Richiesto da", "progress": "Avanzamento",
        "kpis": "KPI", "metric": "Metrica", "target": "Obiettivo", "actual": "Effettivo", "unit": "Unità",
        "alert": "Allarme", "in_alert": "In allarme", "ok": "OK", "alert_below": "sotto {v}", "alert_above": "sopra {v}",
        "risks": "Rischi", "risk": "Rischio", "likelihood": "Probabilità", "impact": "Impatto", "contingency": "Piano di riserva",
        "no_contingency": "Nessun piano di riserva", "milestones": "Milestone", "milestone": "Milestone", "date": "Data",
        "done": "raggiunta", "activities": "Scomposizione del lavoro", "activity": "Attività", "deliverable": "Deliverable",
        "deadline": "Scadenza", "days_left": "{n} giorni rimasti", "overdue_by": "{n} giorni di ritardo", "baseline": "Valore iniziale",
        "current": "Attuale", "parent_goal": "Contribuisce a", "child_goals": "Sotto-obiettivi", "priority": "Priorità",
        "served_by": "Servito da", "allocated": "Budget assegnato", "type": "Tipo", "period": "Periodo",
        "timeline": "Cronologia", "home": "Panoramica", "running_now": "In corso", "next_milestones": "Milestone dei prossimi 30 giorni",
        "attention": "Da seguire", "kpis_in_alert": "KPI in allarme", "overdue": "in ritardo", "nothing": "Niente da segnalare.",
        "exports": "Esportazioni", "export_json": "Tutti i dati (JSON)", "export_ics": "Calendario (iCalendar)", "export_csv": "Piano (CSV)",
        "by_owner": "Per responsabile", "by_channel": "Per canale", "by_team": "Per team", "load": "Carico settimanale",
        "overloaded": "sovraccarico", "week_of": "settimana del {d}", "today": "Oggi", "legend": "Legenda", "none": "—",
        "status_planned": "pianificato", "status_in-progress": "in corso", "status_at-risk": "a rischio",
        "status_delayed": "in ritardo", "status_done": "completato", "status_cancelled": "annullato",
        "level_low": "basso", "level_medium": "medio", "level_high": "alto",
        "priority_core": "principale", "priority_supporting": "di supporto", "remaining_budget": "Budget della roadmap",
        "summary": "Sintesi", "concurrent": "{n} campagne in parallelo", "reduce": "ridurre", "last_updated": "Ultimo aggiornamento",
        "overview_note": "{n} campagne sono troppe per disegnarle una per una: qui ogni barra è una roadmap, per tipo. La pagina di una roadmap ne disegna le campagne.", "peak_load": "Max. in una settimana", "long_span": "Questa cronologia copre {n} anni ({first}–{last}), quindi segna solo gli anni. Una data con l'anno sbagliato la allunga: controllate la prima e l'ultima data.", "load_window": "Settimane dal {first} al {last}; questo responsabile ha campagne anche fuori da questo intervallo.",
        "more": "… e altre {n}, nella pagina di ciascun responsabile:",
        "changes": "Cosa è cambiato", "shallow": "Clone superficiale: è disponibile solo la storia recente, le modifiche più vecchie mancano. Scarica tutta la storia (fetch-depth: 0) per vederle.",
        "health": "Andamento", "health_achieved": "raggiunto", "health_missed": "mancato", "health_no-data": "nessun dato", "health_on-track": "in linea", "health_behind": "indietro", "health_off-track": "fuori rotta", "expected_today": "Atteso oggi", "pace": "atteso a oggi: {p}",
        "and_more": "e altre {n}", "share_done": "Completato", "type_strategic": "strategica", "type_campaign": "campagna", "type_channel": "canale", "type_event": "evento", "type_product": "prodotto", "type_digital": "digitale", "type_portfolio": "portafoglio", "type_project": "progetto",
        "this_quarter": "Questo trimestre: T{q} {y}", "this_fiscal_quarter": "Questo trimestre: T{q} dell'esercizio FY{y}", "quarter_counts": "{running} campagne in corso, {starting} iniziano, {ending} finiscono", "goals_by_health": "Obiettivi per andamento", "running_quarter": "In corso nel trimestre", "starting_quarter": "Iniziano nel trimestre", "ending_quarter": "Finiscono nel trimestre", "full_list": "Elenco completo: {what}",
        "tl_toolbar": "Filtra e ingrandisci la cronologia", "tl_all": "Tutti", "tl_zoom": "Zoom", "tl_auto": "Auto", "tl_month": "Mese", "tl_quarter": "Trimestre", "tl_year": "Anno", "tl_reset": "Mostra tutto", "tl_shown": "{shown} di {total} campagne", "tl_shown_roadmaps": "{shown} di {total} roadmap", "dependencies": "Dipendenze", "dependency": "{target} inizia dopo la fine di {source}", "dependency_late": "{target} inizia il {start}, prima che {source} finisca il {end}", "milestones_n": "{n} milestone",
        "svg_download": "Scarica SVG", "print": "Stampa", "svg_built": "Generato il {date}",
        "load_scale": "campagne in corso ogni settimana; oltre {n} è sovraccarico", "also_owns": "Responsabile anche di", "n_goals": "{n} obiettivi", "n_roadmaps": "{n} roadmap", "n_activities": "{n} attività",
        "variance": "Scostamenti dalla baseline", "plan_baseline": "Baseline", "variance_intro": "Il piano attuale, confrontato con la baseline {ref} ({commit}).", "slipped": "In ritardo", "moved_earlier": "Anticipati", "added_since": "Aggiunti dopo la baseline", "removed_since": "Rimossi dopo la baseline", "budget_changes": "Budget modificati", "milestones_moved": "Milestone spostate", "slip": "Scostamento", "pushes": "Sposta", "new": "nuovo", "new_since": "Nuovo rispetto alla baseline", "threshold": "Solo scostamenti oltre (giorni)", "now": "Ora", "change": "Variazione", "history": "Andamento", "pace_line": "Ritmo atteso", "value": "Valore", "stale_data": "Dati non aggiornati", "stale_note": "Campagne in corso i cui valori effettivi dei KPI non sono cambiati in Git da più di {n} giorni.", "stale_since": "Valori effettivi dei KPI cambiati l'ultima volta il {d}, {n} giorni fa: aggiornate i numeri.", "kind": "Tipo", "not_in_baseline": "non presente nella baseline",
    },
    "zh": {
        "budget_rest": "其余 {n} 项",
        "calendar_page": "月历", "cal_prev": "上个月", "cal_next": "下个月", "cal_months": "所有月份", "cal_week": "第 {n} 周", "cal_week_short": "周", "cal_starts": "开始", "cal_ends": "结束", "cal_period": "关键时段", "cal_running_n": "{n} 个进行中", "cal_running": "本月进行中的营销活动（按路线图）", "cal_long_span": "此月历跨越 {n} 年（{first}–{last}），因此只为有事项开始、结束或到期的月份以及本月生成页面。年份输错的日期会拉长跨度：请检查最早和最晚的日期。", "cal_busy": "本月有 {n} 个营销活动进行，太多，无法逐一绘制。每天显示进行中的数量；下方列表按路线图列出，每个路线图的页面会绘制它们。", "cal_legend": "◆ 里程碑 · ▶ 开始 · ■ 结束 · ◇ 关键日期 · 色条：进行中的营销活动", "cal_shown": "显示 {shown} / {total} 项", "cal_toolbar": "筛选日历",
        "rows_shown": "本页为第 {first}–{last} 个", "pages": "分页",
        "quarter": "季度",
        "budget_page": "预算", "currency": "币种", "planned_amount": "计划", "envelope": "路线图预算", "chart": "图表", "over_budget": "超出预算", "unassigned": "未分配", "no_budgets": "还没有营销活动设置预算。", "budget_site": "全站", "budget_by_roadmap": "按路线图", "budget_by_channel": "按渠道", "budget_by_quarter": "按季度", "budget_by_goal": "按目标", "burning": "花费超前", "burning_intro": "已花费的预算比例高于已过天数比例（超过 10 个百分点）的营销活动。", "budget_intro": "计划为各营销活动预算之和，已花费为其报告的花费；各币种分别统计，从不换算。路线图自身的预算是其营销活动的上限。", "budget_channel_rule": "带渠道的预算明细计入该渠道；营销活动预算的其余部分在其渠道间平均分配（无渠道时为未分配）。", "budget_quarter_rule": "营销活动的预算按其在各季度的天数比例分摊。", "budget_goal_rule": "服务多个目标的营销活动在每个目标下全额计入，因此各行之和大于合计。", "goal_spend": "服务此目标的营销活动", "goal_spend_intro": "服务此目标的营销活动的计划与花费，按币种。",
        "goal": "目标", "roadmap": "路线图", "campaign": "营销活动", "calendar": "日历", "key_dates": "关键日期", "key_date": "关键日期", "markets": "市场", "all_markets": "所有市场", "preview_title": "路线图错误（{n}）", "preview_intro": "路线图文档有错误，网站无法构建。请在对应文件中逐一修正（文件:行:列）；修正后此页面会立即变为真实页面。在此之前 mkdocs build 会失败。", "preview_warnings": "{n} 个警告", "past_key_dates": "已过去的关键日期 {n} 个",
        "goals": "目标", "roadmaps": "路线图", "campaigns": "营销活动",
        "owner": "负责人", "owners": "负责人", "status": "状态", "dates": "日期", "duration": "时长",
        "days": "{n} 天", "budget": "预算", "spent": "已花费", "remaining": "剩余", "total": "合计",
        "teams": "协作团队", "team": "团队", "channels": "渠道", "channel": "渠道", "tags": "标签",
        "depends_on": "依赖于", "dependents": "被依赖", "progress": "进度",
        "kpis": "关键指标", "metric": "指标", "target": "目标值", "actual": "实际值", "unit": "单位",
        "alert": "预警", "in_alert": "预警中", "ok": "正常", "alert_below": "低于 {v}", "alert_above": "高于 {v}",
        "risks": "风险", "risk": "风险", "likelihood": "可能性", "impact": "影响", "contingency": "应急预案",
        "no_contingency": "无应急预案", "milestones": "里程碑", "milestone": "里程碑", "date": "日期",
        "done": "已完成", "activities": "工作分解", "activity": "工作项", "deliverable": "交付物",
        "deadline": "截止日期", "days_left": "剩余 {n} 天", "overdue_by": "逾期 {n} 天", "baseline": "基线",
        "current": "当前值", "parent_goal": "上级目标", "child_goals": "子目标", "priority": "优先级",
        "served_by": "支持的活动", "allocated": "已分配预算", "type": "类型", "period": "周期",
        "timeline": "时间线", "home": "总览", "running_now": "正在进行", "next_milestones": "未来 30 天的里程碑",
        "attention": "需要关注", "kpis_in_alert": "预警中的指标", "overdue": "已逾期", "nothing": "暂无。",
        "exports": "导出", "export_json": "全部数据（JSON）", "export_ics": "日历（iCalendar）", "export_csv": "计划表（CSV）",
        "by_owner": "按负责人", "by_channel": "按渠道", "by_team": "按团队", "load": "每周负荷",
        "overloaded": "超负荷", "week_of": "{d} 当周", "today": "今天", "legend": "图例", "none": "—",
        "status_planned": "计划中", "status_in-progress": "进行中", "status_at-risk": "有风险",
        "status_delayed": "已延期", "status_done": "已完成", "status_cancelled": "已取消",
        "level_low": "低", "level_medium": "中", "level_high": "高",
        "priority_core": "核心", "priority_supporting": "支持", "remaining_budget": "路线图预算",
        "summary": "摘要", "concurrent": "同时进行 {n} 个活动", "reduce": "降低", "last_updated": "最后更新",
        "overview_note": "共 {n} 个营销活动，无法逐一绘制：此处每一条代表一个路线图，按路线图类型分道。路线图页面会绘制其营销活动。", "peak_load": "单周最多", "long_span": "此时间线跨越 {n} 年（{first}–{last}），因此只标出年份。年份输错的日期会拉长时间线：请检查最早和最晚的日期。", "load_window": "显示 {first} 至 {last} 的各周；该负责人在此之外还有营销活动。",
        "more": "……另有 {n} 个，见各负责人页面：",
        "changes": "变更记录", "shallow": "这是一个浅克隆：只有最近的历史可用，较早的变更缺失。获取完整历史（fetch-depth: 0）即可查看。",
        "health": "健康度", "health_achieved": "已达成", "health_missed": "未达成", "health_no-data": "无数据", "health_on-track": "按计划", "health_behind": "落后", "health_off-track": "严重落后", "expected_today": "今日预期", "pace": "截至今日应达：{p}",
        "and_more": "另有 {n} 个", "share_done": "完成度", "type_strategic": "战略", "type_campaign": "营销活动", "type_channel": "渠道", "type_event": "活动", "type_product": "产品", "type_digital": "数字营销", "type_portfolio": "组合", "type_project": "项目",
        "this_quarter": "本季度：{y} 年第 {q} 季度", "this_fiscal_quarter": "本季度：FY{y} 财年第 {q} 季度", "quarter_counts": "{running} 个活动进行中，{starting} 个开始，{ending} 个结束", "goals_by_health": "按健康度排列的目标", "running_quarter": "本季度进行的活动", "starting_quarter": "本季度开始的活动", "ending_quarter": "本季度结束的活动", "full_list": "完整列表：{what}",
        "tl_toolbar": "筛选和缩放时间线", "tl_all": "全部", "tl_zoom": "缩放", "tl_auto": "自动", "tl_month": "月", "tl_quarter": "季度", "tl_year": "年", "tl_reset": "显示全部", "tl_shown": "显示 {shown} / {total} 个营销活动", "tl_shown_roadmaps": "显示 {shown} / {total} 个路线图", "dependencies": "依赖关系", "dependency": "{target} 在 {source} 结束后开始", "dependency_late": "{target} 于 {start} 开始，早于 {source} 的结束日期 {end}", "milestones_n": "{n} 个里程碑",
        "svg_download": "下载 SVG", "print": "打印", "svg_built": "生成于 {date}",
        "load_scale": "每周进行中的营销活动数；超过 {n} 即超负荷", "also_owns": "其他负责项", "n_goals": "{n} 个目标", "n_roadmaps": "{n} 个路线图", "n_activities": "{n} 个工作项",
        "variance": "与基线对比", "plan_baseline": "基线计划", "variance_intro": "当前计划与基线 {ref}（{commit}）的对比。", "slipped": "延后", "moved_earlier": "提前", "added_since": "基线之后新增", "removed_since": "基线之后移除", "budget_changes": "预算变化", "milestones_moved": "里程碑变动", "slip": "偏差", "pushes": "影响", "new": "新增", "new_since": "基线之后新增", "threshold": "仅显示偏差超过（天）", "now": "当前", "change": "变化", "history": "历史", "pace_line": "预期进度", "value": "数值", "stale_data": "数据未更新", "stale_note": "进行中、KPI 实际值在 Git 中超过 {n} 天未更新的营销活动。", "stale_since": "KPI 实际值最后更新于 {d}，已 {n} 天：请填报最新数据。", "kind": "类型", "not_in_baseline": "基线中没有",
    },
}


@dataclass(frozen=True)
class Language:
    """Labels and formats for one language; templates call it as `t` and `fmt`."""

    code: str
    locale: Locale

    def label(self, key: str, **values) -> str:
        text = LABELS.get(self.code, LABELS["en"]).get(key) or LABELS["en"].get(key, key)
        return text.format(**values) if values else text

    def date(self, day: date | None, form: str = "medium") -> str:
        return _format_date(day, form, self.locale) if day else ""

    def month(self, day: date) -> str:
        return format_date(day, "LLL", locale=self.locale)

    def month_year(self, day: date) -> str:
        """`March 2027`, `mars 2027`, `2027年3月`: the locale's own order for a month's title."""
        return _format_skeleton(day, "yMMMM", self.locale)

    def weekday(self, day: date) -> str:
        """The day's abbreviated weekday name (`Mon`, `lun.`, `周一`)."""
        return _format_date(day, "EEE", self.locale)

    def day_of_month(self, day: date) -> str:
        """`Mon, Mar 1` in the locale's order: a day of the calendar's agenda."""
        return _format_skeleton(day, "MMMEd", self.locale)

    def number(self, value: float | None) -> str:
        return "" if value is None else _format_number(value, self.locale)

    def money(self, amount: float | None, currency: str) -> str:
        return "" if amount is None else _format_money(amount, currency, self.locale)

    def percent(self, value: float | None) -> str:
        return "" if value is None else _format_percent(value, self.locale)

    def tick(self, unit: str, day: date) -> str:
        if unit == "year":
            return str(day.year)
        if unit == "quarter":
            return f"Q{(day.month - 1) // 3 + 1}"
        if unit == "month":
            return self.month(day)
        if unit == "month-year":  # a month over weeks: with its year, the only place it is written
            return _format_date(day, "LLL y", self.locale)
        return format_date(day, "d", locale=self.locale)


@lru_cache(maxsize=65536)
def _format_date(day: date, form: str, locale: Locale) -> str:
    """Babel's formatting costs ~40 µs a call and a big site formats the same days thousands of times."""
    return format_date(day, form, locale=locale)


@lru_cache(maxsize=4096)
def _format_skeleton(day: date, skeleton: str, locale: Locale) -> str:
    return format_skeleton(skeleton, day, locale=locale)


@lru_cache(maxsize=65536)
def _format_percent(value: float, locale: Locale) -> str:
    """Babel's percent costs ~100 µs a call; every campaign's page shows its progress."""
    return format_percent(value / 100, format="#,##0%", locale=locale)


_PROBES = (0, 7, -7, 0.5, -0.25, 12.345, 999.995, 1234, -1234.5, 98765.4, 1234567.891, -123456789012.5)
"""Values with no to four group separators, fractions, rounding and signs: where a locale's fast text could differ."""


@lru_cache(maxsize=65536)
def _format_number(value: float, locale: Locale) -> str:
    """`#,##0.##` in the locale. Babel's own formatting costs ~130 µs a call; Python's is several
    times faster, and is used only for locales where it writes every probe exactly as the installed
    Babel does. Negative zero prints as 0 (Babel writes -0), which also keeps the cache from
    mixing the two up."""
    value = value or 0
    if not _fast_number_agrees(locale):
        return format_decimal(value, format="#,##0.##", locale=locale)
    return _fast_number(value, locale)


@lru_cache(maxsize=None)
def _fast_number_agrees(locale: Locale) -> bool:
    """Whether `_fast_number` is proven against the installed Babel for this locale (grouping by threes)."""
    pattern = locale.decimal_formats.get(None)
    if pattern is None or pattern.grouping != (3, 3):
        return False
    return all(_fast_number(value, locale) == format_decimal(value, format="#,##0.##", locale=locale) for value in _PROBES)


def _fast_number(value: float, locale: Locale) -> str:
    symbols = locale.number_symbols.get("latn", locale.number_symbols)
    return number(value, group=symbols["group"], point=symbols["decimal"], half_even=True)  # Babel's default negative pattern is an ASCII minus too


@lru_cache(maxsize=65536)
def _format_money(amount: float, currency: str, locale: Locale) -> str:
    """The locale's currency pattern with the amount as `_format_number` writes it (budgets are whole
    amounts), where that is proven against the installed Babel for the locale and currency."""
    amount = amount or 0  # negative zero, as in _format_number
    if amount < 0 or not _fast_money_agrees(currency, locale):
        return _babel_money(amount, currency, locale)
    return _fast_money(amount, currency, locale)


@lru_cache(maxsize=None)
def _fast_money_agrees(currency: str, locale: Locale) -> bool:
    if ";" in _money_pattern(locale) or not _fast_number_agrees(locale):
        return False
    return all(_fast_money(value, currency, locale) == _babel_money(value, currency, locale) for value in _PROBES if value >= 0)


def _money_pattern(locale: Locale) -> str:
    return locale.currency_formats["standard"].pattern.replace(".00", ".##")


def _babel_money(amount: float, currency: str, locale: Locale) -> str:
    return format_currency(amount, currency, format=_money_pattern(locale), locale=locale, currency_digits=False)


def _fast_money(amount: float, currency: str, locale: Locale) -> str:
    digits = _fast_number(amount, locale)
    symbol = get_currency_symbol(currency, locale=locale)
    return re.sub(r"[#0,.]+", lambda _: digits, _money_pattern(locale), count=1).replace("¤", symbol)


def language(code: str | None) -> Language:
    """The Language for Material's `theme.language` (e.g. `zh`, `fr`, `it`, `en`, `pt-BR`)."""
    code = (code or "en").replace("-", "_")
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        locale, code = Locale.parse("en"), "en"
    base = code.split("_")[0]
    return Language(base if base in LABELS else "en", locale)
