//! The eligibility engine: one pure function that weighs a portfolio against a
//! category of a rulebook on a given day.
//!
//! The single-page app runs it as the applicant types; the API runs the very same
//! code to refuse a submission that is short. It reads the clock of nobody: the
//! day is an argument. It must stay fast (a 500-entry portfolio is benchmarked)
//! and must not depend on the order of entries.

use crate::hours::Hours;
use crate::i18n::{say_all, Lang, Text};
use crate::ids::EntryId;
use crate::portfolio::{
    Credential, Portfolio, RatingSummary, Reference, RscSession, Training, Work,
};
use crate::rulebook::{
    AgreementKind, CategoryRules, DegreeLevel, Employment, ReferenceRule, Relationship,
    RenewalPolicy, RscRule, Rulebook, TrainingTopic, WorkRequirement,
};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The outcome for one category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityReport {
    /// The category's code.
    pub category: String,
    /// The category's name.
    pub category_name: String,
    /// The day the portfolio was weighed on.
    pub as_of: NaiveDate,
    /// True when every requirement is met.
    pub eligible: bool,
    /// One line per requirement, in checklist order.
    pub lines: Vec<RequirementLine>,
    /// For each portfolio entry: whether it counts, and if not, why.
    pub entries: Vec<EntryVerdict>,
    /// Whether an exam follows a successful review.
    pub exam_required: bool,
}

impl EligibilityReport {
    /// The requirements still short.
    pub fn short_lines(&self) -> impl Iterator<Item = &RequirementLine> {
        self.lines.iter().filter(|line| !line.met)
    }

    /// The line with this key.
    pub fn line(&self, key: &str) -> Option<&RequirementLine> {
        self.lines.iter().find(|line| line.key == key)
    }

    /// The verdict on one entry.
    pub fn verdict(&self, entry: EntryId) -> Option<&EntryVerdict> {
        self.entries.iter().find(|verdict| verdict.entry == entry)
    }
}

/// The portfolio sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Education and licenses.
    Education,
    /// Work experience.
    Work,
    /// Specialized training.
    Training,
    /// Reflective supervision/consultation received.
    Rsc,
    /// References.
    References,
    /// Signed agreements.
    Agreements,
    /// Membership.
    Membership,
    /// Fees (a line only while a fee holds submission up).
    Fees,
}

/// What a requirement's figures count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Quarter hours (divide by 4 for hours).
    QuarterHours,
    /// Months.
    Months,
    /// A count (references, families).
    Count,
    /// Done or not (1 of 1).
    Done,
}

/// One requirement, met or short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementLine {
    /// A stable key, e.g. `rsc.hours` or `work.0.months`.
    pub key: String,
    /// The section it concerns.
    pub section: Section,
    /// Its name in the checklist.
    pub label: String,
    /// Whether it is met.
    pub met: bool,
    /// The figure reached, in `unit`.
    pub reached: u32,
    /// The figure required, in `unit`.
    pub required: u32,
    /// What the figures count.
    pub unit: Unit,
    /// The line in words, e.g. "RSC: 18 of 24 hours, over 14 months".
    pub summary: String,
    /// What is missing, in plain words; none when met.
    pub shortfall: Option<String>,
}

/// Whether one entry counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EntryVerdict {
    /// The section.
    pub section: Section,
    /// The entry.
    pub entry: EntryId,
    /// Whether it counts toward a requirement.
    pub counts: bool,
    /// Why it does not count (empty when it does).
    pub reasons: Vec<String>,
    /// Advice that does not stop it counting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Weighs the portfolio against every category of the rulebook.
pub fn self_check(
    rulebook: &Rulebook,
    portfolio: &Portfolio,
    as_of: NaiveDate,
    lang: Lang,
) -> Vec<EligibilityReport> {
    rulebook
        .categories
        .iter()
        .map(|category| evaluate(category, portfolio, as_of, lang))
        .collect()
}

/// Weighs the portfolio against one category on the day `as_of`; the
/// report's words are in `lang`.
pub fn evaluate(
    category: &CategoryRules,
    portfolio: &Portfolio,
    as_of: NaiveDate,
    lang: Lang,
) -> EligibilityReport {
    let mut report = Builder::new(lang);
    let graduation = education(&mut report, category, portfolio, as_of);
    work(&mut report, category, portfolio, as_of, graduation);
    training(&mut report, category, &portfolio.training, as_of);
    if let Some(rule) = &category.rsc {
        rsc(&mut report, rule, &portfolio.rsc, as_of);
    } else {
        for session in &portfolio.rsc {
            report.verdict(Section::Rsc, session.id, Vec::new());
        }
    }
    references(
        &mut report,
        &category.references,
        &portfolio.references,
        as_of,
    );
    agreements(&mut report, category, portfolio);
    membership_line(&mut report, category.membership_required, portfolio, as_of);

    let eligible = report.lines.iter().all(|line| line.met);
    // Verdicts in a fixed order, whatever order the entries came in.
    report
        .entries
        .sort_by_key(|verdict| (verdict.section, verdict.entry));
    EligibilityReport {
        category: category.code.clone(),
        category_name: category.name.get(lang).to_string(),
        as_of,
        eligible,
        lines: report.lines,
        entries: report.entries,
        exam_required: category.exam.is_some(),
    }
}

/// The report as it is made: lines and verdicts, said in one language.
struct Builder {
    lang: Lang,
    lines: Vec<RequirementLine>,
    entries: Vec<EntryVerdict>,
}

impl Builder {
    fn new(lang: Lang) -> Self {
        Builder {
            lang,
            lines: Vec::new(),
            entries: Vec::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        key: String,
        section: Section,
        label: Text,
        reached: u32,
        required: u32,
        unit: Unit,
        summary: Text,
        shortfall: Option<Text>,
    ) {
        let met = shortfall.is_none();
        self.lines.push(RequirementLine {
            key,
            section,
            label: label.say(self.lang),
            met,
            reached,
            required,
            unit,
            summary: summary.say(self.lang),
            shortfall: shortfall.map(|text| text.say(self.lang)),
        });
    }

    fn verdict(&mut self, section: Section, entry: EntryId, reasons: Vec<Text>) {
        self.entries.push(EntryVerdict {
            section,
            entry,
            counts: reasons.is_empty(),
            reasons: say_all(&reasons, self.lang),
            notes: Vec::new(),
        });
    }
}

/// "1 hour", "6.5 hours".
fn hours_text(hours: Hours) -> Text {
    Text::new("engine-hours").with("hours", hours.as_f64())
}

/// "1 month", "14 months".
fn months_text(n: u32) -> Text {
    Text::new("engine-months").with("n", n)
}

/// "6 more months".
fn more_months(n: u32) -> Text {
    Text::new("engine-more-months").with("n", n)
}

/// "6.5 more hours".
fn more_hours(hours: Hours) -> Text {
    Text::new("engine-more-hours").with("hours", hours.as_f64())
}

/// A degree with its article: "a bachelor's degree".
fn degree_with_article(level: DegreeLevel) -> Text {
    Text::new(match level {
        DegreeLevel::None => "degree-none.indefinite",
        DegreeLevel::Cda => "degree-cda.indefinite",
        DegreeLevel::Associate => "degree-associate.indefinite",
        DegreeLevel::Bachelor => "degree-bachelor.indefinite",
        DegreeLevel::Master => "degree-master.indefinite",
        DegreeLevel::Doctorate => "degree-doctorate.indefinite",
    })
}

/// A relationship with its article: "an RSC provider", "another supervisor".
fn relationship_with_article(relationship: Relationship) -> Text {
    use Relationship as R;
    Text::new(match relationship {
        R::CurrentSupervisor => "relationship-current-supervisor.indefinite",
        R::RscProvider => "relationship-rsc-provider.indefinite",
        R::OtherSupervisor => "relationship-other-supervisor.indefinite",
        R::Colleague => "relationship-colleague.indefinite",
        R::Supervisee => "relationship-supervisee.indefinite",
        R::ServiceRecipient => "relationship-service-recipient.indefinite",
    })
}

/// "a current supervisor or a colleague", in the language asked for.
fn any_of(relationships: &[Relationship]) -> Text {
    let mut parts = relationships.iter().map(|r| relationship_with_article(*r));
    let Some(first) = parts.next() else {
        return Text::plain("");
    };
    parts.fold(first, |so_far, next| {
        Text::new("engine-or")
            .with("first", so_far)
            .with("second", next)
    })
}

/// Whole months from `first` to `last`, both days included (1 Jan to 31 Dec is 12).
fn span_months(first: NaiveDate, last: NaiveDate) -> u32 {
    let Some(after_last) = last.succ_opt() else {
        return 0;
    };
    let mut months = (after_last.year() - first.year()) * 12 + after_last.month0() as i32
        - first.month0() as i32;
    if after_last.day() < first.day() {
        months -= 1;
    }
    u32::try_from(months.max(0)).unwrap_or(0)
}

/// Months covered by a set of inclusive periods, overlaps counted once: whole
/// calendar months of each merged period, and the days left over pooled at 31
/// days a month (so part-months never round up).
fn months_covered(mut periods: Vec<(NaiveDate, NaiveDate)>) -> u32 {
    periods.sort();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (start, end) in periods {
        match merged.last_mut() {
            Some((_, last_end)) if start <= last_end.succ_opt().unwrap_or(*last_end) => {
                *last_end = (*last_end).max(end);
            }
            _ => merged.push((start, end)),
        }
    }
    let mut months = 0u32;
    let mut leftover_days = 0i64;
    for (start, end) in merged {
        let whole = span_months(start, end);
        months += whole;
        let covered_to = start.checked_add_months(Months::new(whole)).unwrap_or(end);
        leftover_days += (end - covered_to).num_days() + 1;
    }
    months + u32::try_from(leftover_days.max(0) / 31).unwrap_or(0)
}

/// Education; returns the day from which post-graduate work counts.
fn education(
    report: &mut Builder,
    category: &CategoryRules,
    portfolio: &Portfolio,
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    let rule = &category.education;
    let mut qualifying_years = Vec::new();
    for entry in &portfolio.education {
        let mut reasons = Vec::new();
        if entry.year > as_of.year() {
            reasons.push(Text::new("engine-education-future").with("year", entry.year.to_string()));
        } else {
            match entry.credential {
                Credential::Degree(level)
                    if rule.min_level == DegreeLevel::None || level >= rule.min_level => {}
                Credential::License if rule.license_accepted => {}
                Credential::License => reasons.push(Text::new("engine-license-not-enough")),
                Credential::Degree(level) => reasons.push(
                    Text::new("engine-degree-below")
                        .with("degree", degree_with_article(level))
                        .with("needed", rule.min_level.text()),
                ),
            }
        }
        if reasons.is_empty() {
            qualifying_years.push(entry.year);
        }
        report.verdict(Section::Education, entry.id, reasons);
    }
    // Post-graduate work counts from the first day of the year the first
    // qualifying degree or license was completed (reviewers see the detail).
    let graduation = qualifying_years
        .iter()
        .min()
        .and_then(|year| NaiveDate::from_ymd_opt(*year, 1, 1));

    let needed = match (rule.min_level, rule.license_accepted) {
        (DegreeLevel::None, _) => Text::plain(""),
        (level, true) => {
            Text::new("engine-degree-or-license").with("degree", degree_with_article(level))
        }
        (level, false) => {
            Text::new("engine-degree-or-higher").with("degree", degree_with_article(level))
        }
    };
    let education = || Text::new("engine-education");
    if rule.min_level == DegreeLevel::None {
        report.line(
            "education".into(),
            Section::Education,
            education(),
            1,
            1,
            Unit::Done,
            Text::new("engine-education-none-needed"),
            None,
        );
        return graduation;
    }
    if !qualifying_years.is_empty() {
        report.line(
            "education".into(),
            Section::Education,
            education(),
            1,
            1,
            Unit::Done,
            Text::new("engine-education-recorded").with("needed", needed),
            None,
        );
        return graduation;
    }
    if let Some(months_needed) = rule.work_months_instead {
        let periods = portfolio
            .work
            .iter()
            .filter(|w| w.employment != Employment::VolunteerUnsupervised)
            .filter(|w| w.age_ranges.contains(&category.family.age_range()))
            .filter_map(|w| period(w, as_of, None))
            .collect();
        let months = months_covered(periods);
        if months >= months_needed {
            report.line(
                "education".into(),
                Section::Education,
                education(),
                1,
                1,
                Unit::Done,
                Text::new("engine-education-work-instead").with("months", months),
                None,
            );
            return graduation;
        }
        report.line(
            "education".into(),
            Section::Education,
            education(),
            0,
            1,
            Unit::Done,
            Text::new("engine-education-or-work")
                .with("needed", needed.clone())
                .with("months", months_needed),
            Some(
                Text::new("engine-education-or-work-short")
                    .with("needed", needed)
                    .with("more", more_months(months_needed - months))
                    .with("ages", category.family.age_range().text()),
            ),
        );
        return graduation;
    }
    report.line(
        "education".into(),
        Section::Education,
        education(),
        0,
        1,
        Unit::Done,
        Text::new("engine-education-needed").with("needed", needed.clone()),
        Some(Text::new("engine-education-add").with("needed", needed)),
    );
    graduation
}

/// The part of a work entry up to `as_of` (and from `from`), inclusive.
fn period(
    work: &Work,
    as_of: NaiveDate,
    from: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    let start = from.map_or(work.start, |from| work.start.max(from));
    let end = work.end.unwrap_or(as_of).min(as_of);
    (start <= end).then_some((start, end))
}

fn work(
    report: &mut Builder,
    category: &CategoryRules,
    portfolio: &Portfolio,
    as_of: NaiveDate,
    graduation: Option<NaiveDate>,
) {
    let mut counted: HashSet<EntryId> = HashSet::new();
    let mut reasons: BTreeMap<EntryId, Vec<Text>> = BTreeMap::new();
    for (index, rule) in category.work.iter().enumerate() {
        let mut periods = Vec::new();
        let mut families = 0u32;
        for entry in &portfolio.work {
            match work_fit(entry, rule, category, as_of, graduation) {
                Ok(span) => {
                    periods.push(span);
                    families = families.saturating_add(entry.families_served);
                    counted.insert(entry.id);
                }
                Err(reason) => {
                    let list = reasons.entry(entry.id).or_default();
                    if !list.contains(&reason) {
                        list.push(reason);
                    }
                }
            }
        }
        let months = months_covered(periods);
        let shortfall = (months < rule.min_months).then(|| {
            Text::new("engine-work-short")
                .with("more", more_months(rule.min_months - months))
                .with("work", rule.label.lower_first())
        });
        report.line(
            format!("work.{index}.months"),
            Section::Work,
            Text::local(&rule.label),
            months,
            rule.min_months,
            Unit::Months,
            Text::new("engine-work-summary")
                .with("work", &rule.label)
                .with("months", months)
                .with("needed", rule.min_months),
            shortfall,
        );
        if let Some(min_families) = rule.min_families {
            let shortfall = (families < min_families)
                .then(|| Text::new("engine-families-short").with("n", min_families - families));
            report.line(
                format!("work.{index}.families"),
                Section::Work,
                Text::new("engine-families"),
                families,
                min_families,
                Unit::Count,
                Text::new("engine-families-summary")
                    .with("families", families)
                    .with("needed", min_families),
                shortfall,
            );
        }
    }
    for entry in &portfolio.work {
        let why = if counted.contains(&entry.id) {
            Vec::new()
        } else {
            reasons
                .remove(&entry.id)
                .unwrap_or_else(|| vec![Text::new("engine-work-not-needed")])
        };
        report.verdict(Section::Work, entry.id, why);
    }
}

fn work_fit(
    entry: &Work,
    rule: &WorkRequirement,
    category: &CategoryRules,
    as_of: NaiveDate,
    graduation: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate), Text> {
    if entry.start > as_of {
        return Err(Text::new("engine-work-future"));
    }
    if entry.end.is_some_and(|end| end < entry.start) {
        return Err(Text::new("engine-work-ends-before"));
    }
    if !entry.kinds.iter().any(|kind| rule.kinds.contains(kind)) {
        let mut wanted = rule.kinds.iter().map(|k| k.text());
        let first = wanted.next().unwrap_or_else(|| Text::plain(""));
        let kinds = wanted.fold(first, |so_far, next| {
            Text::new("engine-or")
                .with("first", so_far)
                .with("second", next)
        });
        return Err(Text::new("engine-work-kind")
            .with("work", &rule.label)
            .with("kinds", kinds));
    }
    if !rule.employment.contains(&entry.employment) {
        return Err(Text::new("engine-work-employment")
            .with("employment", entry.employment.text())
            .with("work", rule.label.lower_first()));
    }
    if rule.serves_family_age_range && !entry.age_ranges.contains(&category.family.age_range()) {
        return Err(Text::new("engine-work-ages").with("ages", category.family.age_range().text()));
    }
    let from = if rule.post_graduate {
        match graduation {
            Some(day) => Some(day),
            None => return Err(Text::new("engine-work-no-degree")),
        }
    } else {
        None
    };
    period(entry, as_of, from).ok_or_else(|| Text::new("engine-work-before-degree"))
}

/// Training entries that count, with the reasons for the others.
fn training(
    report: &mut Builder,
    category: &CategoryRules,
    entries: &[Training],
    as_of: NaiveDate,
) {
    let rule = &category.training;
    let mut total = Hours::ZERO;
    let mut by_topic: BTreeMap<TrainingTopic, Hours> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for entry in sorted(entries, |t| (t.date, t.id)) {
        let mut reasons = Vec::new();
        if entry.date > as_of {
            reasons.push(Text::new("engine-dated-future"));
        }
        if entry.hours == Hours::ZERO {
            reasons.push(Text::new("engine-no-hours"));
        }
        if !seen.insert((entry.title.trim().to_lowercase(), entry.date, entry.hours)) {
            reasons.push(Text::new("engine-training-repeats"));
        }
        if reasons.is_empty() {
            total += entry.hours;
            for topic in &entry.topics {
                *by_topic.entry(*topic).or_default() += entry.hours;
            }
        }
        report.verdict(Section::Training, entry.id, reasons);
    }
    let shortfall = (total < rule.min_hours).then(|| {
        Text::new("engine-training-short")
            .with("more", more_hours(rule.min_hours.saturating_sub(total)))
    });
    report.line(
        "training.hours".into(),
        Section::Training,
        Text::new("engine-training"),
        total.quarters(),
        rule.min_hours.quarters(),
        Unit::QuarterHours,
        Text::new("engine-training-summary")
            .with("hours", total.as_f64())
            .with("needed", hours_text(rule.min_hours)),
        shortfall,
    );
    for minimum in &rule.topics {
        let reached = by_topic.get(&minimum.topic).copied().unwrap_or_default();
        let label = Text::new("engine-training-on").with("topic", minimum.topic.text());
        let shortfall = (reached < minimum.min_hours).then(|| {
            Text::new("engine-training-on-short")
                .with(
                    "more",
                    more_hours(minimum.min_hours.saturating_sub(reached)),
                )
                .with("topic", minimum.topic.text())
        });
        report.line(
            format!("training.topic.{}", topic_key(minimum.topic)),
            Section::Training,
            label.clone(),
            reached.quarters(),
            minimum.min_hours.quarters(),
            Unit::QuarterHours,
            Text::new("engine-line-hours")
                .with("label", label)
                .with("hours", reached.as_f64())
                .with("needed", hours_text(minimum.min_hours)),
            shortfall,
        );
    }
}

fn topic_key(topic: TrainingTopic) -> &'static str {
    match topic {
        TrainingTopic::Dei => "dei",
        TrainingTopic::Rsc => "rsc",
    }
}

/// Entries in a stable order, whatever order they came in.
fn sorted<T, K: Ord>(entries: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut list: Vec<&T> = entries.iter().collect();
    list.sort_by_key(|entry| key(entry));
    list
}

/// Why an RSC session's provider does not qualify under `rule` (endorsed in
/// one of its categories, or vetted by the association where the rule
/// allows it; peer supervision never counts). The one judgment applications,
/// renewals and reinstatements share.
fn provider_problem(rule: &RscRule, session: &RscSession) -> Option<Text> {
    let qualifies = session
        .provider_category
        .as_deref()
        .is_some_and(|category| rule.provider_categories.iter().any(|c| c == category))
        || (rule.vetted_providers_qualify && session.provider_vetted);
    if qualifies {
        return None;
    }
    let wanted = rule.provider_categories.join(", ");
    Some(match session.provider_category.as_deref() {
        Some(category) => Text::new("engine-provider-wrong")
            .with("category", category)
            .with("wanted", wanted),
        None => Text::new("engine-provider-needed").with("wanted", wanted),
    })
}

/// Why a rating does not count under `rule` on `as_of`: dated in the
/// future, older than the rule's validity, or with too many "not enough
/// information" answers. Shared by applications and reinstatement.
fn rating_problems(rule: &ReferenceRule, rating: &RatingSummary, as_of: NaiveDate) -> Vec<Text> {
    let mut why = Vec::new();
    if rating.given_on > as_of {
        why.push(Text::new("engine-rating-future"));
    } else if (as_of - rating.given_on).num_days() > i64::from(rule.valid_days) {
        why.push(
            Text::new("engine-rating-old")
                .with("day", rating.given_on)
                .with("days", rule.valid_days),
        );
    }
    if rating.not_enough_information >= rule.not_enough_information_limit && rating.withheld {
        why.push(
            Text::new("engine-rating-too-many-unknown")
                .with("limit", rule.not_enough_information_limit),
        );
    } else if rating.not_enough_information >= rule.not_enough_information_limit {
        why.push(
            Text::new("engine-rating-unknown")
                .with("count", rating.not_enough_information)
                .with("limit", rule.not_enough_information_limit),
        );
    }
    why
}

fn rsc(report: &mut Builder, rule: &RscRule, sessions: &[RscSession], as_of: NaiveDate) {
    let mut qualifying: Vec<&RscSession> = Vec::new();
    let mut reasons: BTreeMap<EntryId, Vec<Text>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for session in sorted(sessions, |s| (s.date, s.id)) {
        let mut why = Vec::new();
        if session.date > as_of {
            why.push(Text::new("engine-dated-future"));
        }
        if session.hours == Hours::ZERO {
            why.push(Text::new("engine-no-hours"));
        }
        if let Some(problem) = provider_problem(rule, session) {
            why.push(problem);
        }
        let key = (
            session.date,
            session.provider_name.trim().to_lowercase(),
            session.hours,
            session.format == crate::portfolio::RscFormat::Group,
        );
        if !seen.insert(key) {
            why.push(Text::new("engine-session-repeats"));
        }
        if why.is_empty() {
            qualifying.push(session);
        } else {
            reasons.insert(session.id, why);
        }
    }

    // The best window: the run of qualifying sessions, no longer than the maximum
    // span, that meets the rule; failing that, the one with the most hours.
    let mut best: Option<(bool, Hours, u32, usize, usize)> = None;
    let mut end = 0;
    let mut hours = Hours::ZERO;
    for start in 0..qualifying.len() {
        if end < start {
            end = start;
            hours = Hours::ZERO;
        }
        let limit = qualifying[start]
            .date
            .checked_add_months(Months::new(rule.max_span_months))
            .unwrap_or(NaiveDate::MAX);
        while end < qualifying.len() && qualifying[end].date < limit {
            hours += qualifying[end].hours;
            end += 1;
        }
        let span = span_months(qualifying[start].date, qualifying[end - 1].date);
        let met = hours >= rule.min_hours && span >= rule.min_span_months;
        let candidate = (met, hours, span, start, end);
        if best.is_none_or(|b| {
            (candidate.0, candidate.1, candidate.2, candidate.3) > (b.0, b.1, b.2, b.3)
        }) {
            best = Some(candidate);
        }
        hours = hours.saturating_sub(qualifying[start].hours);
    }

    let (window_hours, span, window) = match best {
        Some((_, hours, span, start, end)) => (hours, span, &qualifying[start..end]),
        None => (Hours::ZERO, 0, &qualifying[..0]),
    };
    let in_window: HashSet<EntryId> = window.iter().map(|s| s.id).collect();
    let (first, last) = (
        window.first().map(|s| s.date),
        window.last().map(|s| s.date),
    );
    for session in qualifying.iter().filter(|s| !in_window.contains(&s.id)) {
        let why = match (first, last) {
            (Some(first), Some(last)) => Text::new("engine-session-outside-dated")
                .with("months", rule.max_span_months)
                .with("first", first)
                .with("last", last),
            _ => Text::new("engine-session-outside").with("months", rule.max_span_months),
        };
        reasons.insert(session.id, vec![why]);
    }
    for session in sessions {
        report.verdict(
            Section::Rsc,
            session.id,
            reasons.remove(&session.id).unwrap_or_default(),
        );
    }

    let mut shortfall = Vec::new();
    if window_hours < rule.min_hours {
        shortfall.push(
            Text::new("engine-rsc-short")
                .with(
                    "more",
                    more_hours(rule.min_hours.saturating_sub(window_hours)),
                )
                .with("months", rule.max_span_months),
        );
    }
    if span < rule.min_span_months {
        shortfall.push(
            Text::new("engine-rsc-span-short")
                .with("months", rule.min_span_months)
                .with("now", months_text(span)),
        );
    }
    report.line(
        "rsc.hours".into(),
        Section::Rsc,
        Text::new("engine-rsc"),
        window_hours.quarters(),
        rule.min_hours.quarters(),
        Unit::QuarterHours,
        Text::new("engine-rsc-summary")
            .with("hours", window_hours.as_f64())
            .with("needed", hours_text(rule.min_hours))
            .with("span", months_text(span)),
        (!shortfall.is_empty()).then(|| Text::sentences(shortfall)),
    );
    if let Some(minimum) = rule.min_hours_about_providing {
        // Counted within any window of the maximum span, so that adding a session
        // can never undo this line.
        let about: Vec<&RscSession> = qualifying
            .iter()
            .copied()
            .filter(|s| s.about_providing)
            .collect();
        let reached = best_window_hours(&about, rule.max_span_months);
        let shortfall = (reached < minimum).then(|| {
            Text::new("engine-rsc-about-short")
                .with("more", more_hours(minimum.saturating_sub(reached)))
        });
        report.line(
            "rsc.about_providing".into(),
            Section::Rsc,
            Text::new("engine-rsc-about"),
            reached.quarters(),
            minimum.quarters(),
            Unit::QuarterHours,
            Text::new("engine-line-hours")
                .with("label", Text::new("engine-rsc-about"))
                .with("hours", reached.as_f64())
                .with("needed", hours_text(minimum)),
            shortfall,
        );
    }
}

/// The most hours among sessions (sorted by date) within any window of `span` months.
fn best_window_hours(sessions: &[&RscSession], span: u32) -> Hours {
    let mut best = Hours::ZERO;
    let mut hours = Hours::ZERO;
    let mut end = 0;
    for start in 0..sessions.len() {
        let limit = sessions[start]
            .date
            .checked_add_months(Months::new(span))
            .unwrap_or(NaiveDate::MAX);
        while end < sessions.len() && sessions[end].date < limit {
            hours += sessions[end].hours;
            end += 1;
        }
        best = best.max(hours);
        hours = hours.saturating_sub(sessions[start].hours);
    }
    best
}

fn references(
    report: &mut Builder,
    rule: &ReferenceRule,
    references: &[Reference],
    as_of: NaiveDate,
) {
    let mut counted: Vec<&Reference> = Vec::new();
    let mut total = 0u32;
    let mut notes: BTreeMap<EntryId, Vec<Text>> = BTreeMap::new();
    let mut reasons: BTreeMap<EntryId, Vec<Text>> = BTreeMap::new();
    let order = sorted(references, |r| {
        (r.rating.as_ref().map(|g| g.given_on), r.id)
    });
    let mut per_limit = vec![0u32; rule.limits.len()];
    for reference in order {
        let mut why = Vec::new();
        match &reference.rating {
            None => why.push(Text::new("engine-no-rating-yet")),
            Some(rating) => {
                if rating.imported {
                    notes
                        .entry(reference.id)
                        .or_default()
                        .push(Text::new("import-rating-note").with("day", rating.given_on));
                }
                why.extend(rating_problems(rule, rating, as_of));
            }
        }
        // Several counted ratings may share a limited relationship; only `max` of
        // them add to the total, but each still counts for the relationships.
        let mut adds = why.is_empty();
        if why.is_empty() {
            for (index, limit) in rule.limits.iter().enumerate() {
                if limit.any_of.contains(&reference.relationship) {
                    if per_limit[index] >= limit.max {
                        notes.entry(reference.id).or_default().push(
                            Text::new("engine-rating-limit")
                                .with("max", limit.max)
                                .with("from", any_of(&limit.any_of)),
                        );
                        adds = false;
                    } else {
                        per_limit[index] += 1;
                    }
                }
            }
        }
        if adds {
            total += 1;
        }
        if rule.recommended_known_months > 0 {
            if let Some(since) = reference.known_since {
                if span_months(since, as_of) < rule.recommended_known_months {
                    notes.entry(reference.id).or_default().push(
                        Text::new("engine-rater-known")
                            .with("months", rule.recommended_known_months),
                    );
                }
            }
        }
        if why.is_empty() {
            counted.push(reference);
        } else {
            reasons.insert(reference.id, why);
        }
    }
    for reference in references {
        let why = reasons.remove(&reference.id).unwrap_or_default();
        report.verdict(Section::References, reference.id, why);
        if let (Some(extra), Some(verdict)) =
            (notes.remove(&reference.id), report.entries.last_mut())
        {
            verdict.notes = say_all(&extra, report.lang);
        }
    }

    let count = total;
    let shortfall = (count < rule.count)
        .then(|| Text::new("engine-references-short").with("missing", rule.count - count));
    report.line(
        "references.count".into(),
        Section::References,
        Text::new("engine-references"),
        count.min(rule.count),
        rule.count,
        Unit::Count,
        Text::new("engine-references-summary")
            .with("count", count)
            .with("needed", rule.count),
        shortfall,
    );

    let filled = match_slots(rule, &counted);
    for (index, slot) in rule.required.iter().enumerate() {
        let met = filled[index];
        report.line(
            format!("references.slot.{index}"),
            Section::References,
            Text::local(&slot.label),
            u32::from(met),
            1,
            Unit::Done,
            Text::new(if met {
                "engine-slot-counted"
            } else {
                "engine-slot-missing"
            })
            .with("slot", &slot.label),
            (!met).then(|| Text::new("engine-slot-short").with("from", any_of(&slot.any_of))),
        );
    }
    if rule.min_endorsed > 0 {
        let endorsed =
            u32::try_from(counted.iter().filter(|r| r.endorsed).count()).unwrap_or(u32::MAX);
        report.line(
            "references.endorsed".into(),
            Section::References,
            Text::new("engine-endorsed-raters"),
            endorsed.min(rule.min_endorsed),
            rule.min_endorsed,
            Unit::Count,
            Text::new("engine-endorsed-raters-summary")
                .with("count", endorsed)
                .with("needed", rule.min_endorsed),
            (endorsed < rule.min_endorsed).then(|| {
                Text::new("engine-endorsed-raters-short").with("needed", rule.min_endorsed)
            }),
        );
    }
}

/// Which required relationships can be filled, each by a different counted
/// reference (a bipartite matching; the lists are tiny).
fn match_slots(rule: &ReferenceRule, counted: &[&Reference]) -> Vec<bool> {
    let mut owner: Vec<Option<usize>> = vec![None; counted.len()];
    let mut slot_of: Vec<Option<usize>> = vec![None; rule.required.len()];
    fn augment(
        slot: usize,
        rule: &ReferenceRule,
        counted: &[&Reference],
        owner: &mut [Option<usize>],
        slot_of: &mut [Option<usize>],
        visited: &mut [bool],
    ) -> bool {
        for (index, reference) in counted.iter().enumerate() {
            if visited[index] || !rule.required[slot].any_of.contains(&reference.relationship) {
                continue;
            }
            visited[index] = true;
            let free = match owner[index] {
                None => true,
                Some(other) => augment(other, rule, counted, owner, slot_of, visited),
            };
            if free {
                owner[index] = Some(slot);
                slot_of[slot] = Some(index);
                return true;
            }
        }
        false
    }
    for slot in 0..rule.required.len() {
        let mut visited = vec![false; counted.len()];
        augment(slot, rule, counted, &mut owner, &mut slot_of, &mut visited);
    }
    slot_of.iter().map(Option::is_some).collect()
}

fn agreements(report: &mut Builder, category: &CategoryRules, portfolio: &Portfolio) {
    for kind in &category.agreements {
        let signed = portfolio
            .agreements
            .iter()
            .filter(|a| a.kind == *kind)
            .map(|a| a.signed_at)
            .max();
        report.line(
            format!("agreements.{}", agreement_key(*kind)),
            Section::Agreements,
            kind.text(),
            u32::from(signed.is_some()),
            1,
            Unit::Done,
            match signed {
                Some(at) => Text::new("engine-agreement-signed")
                    .with("agreement", kind.text())
                    .with("day", at.date_naive()),
                None => Text::new("engine-agreement-unsigned").with("agreement", kind.text()),
            },
            signed
                .is_none()
                .then(|| Text::new("engine-agreement-sign").with("agreement", kind.text())),
        );
    }
    for agreement in &portfolio.agreements {
        let why = if category.agreements.contains(&agreement.kind) {
            Vec::new()
        } else {
            vec![Text::new("engine-agreement-not-asked")]
        };
        report.verdict(Section::Agreements, agreement.id, why);
    }
}

fn agreement_key(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::CodeOfEthics => "code_of_ethics",
        AgreementKind::EndorsementAgreement => "endorsement_agreement",
        AgreementKind::NoSanctionAttestation => "no_sanction_attestation",
    }
}

fn membership_line(report: &mut Builder, required: bool, portfolio: &Portfolio, as_of: NaiveDate) {
    let mut current = false;
    for entry in &portfolio.memberships {
        let mut why = Vec::new();
        if entry.expires_on < as_of {
            why.push(Text::new("engine-membership-expired").with("day", entry.expires_on));
        }
        if !entry.verified {
            why.push(Text::new("engine-membership-unverified"));
        }
        current |= why.is_empty();
        report.verdict(Section::Membership, entry.id, why);
    }
    if !required {
        return;
    }
    let shortfall = if current {
        None
    } else if portfolio.memberships.iter().any(|m| m.expires_on >= as_of) {
        Some(Text::new("engine-membership-waiting"))
    } else {
        Some(Text::new("engine-membership-short"))
    };
    report.line(
        "membership".into(),
        Section::Membership,
        Text::new("engine-membership"),
        u32::from(current),
        1,
        Unit::Done,
        Text::new(if current {
            "engine-membership-current"
        } else {
            "engine-membership-not-current"
        }),
        shortfall,
    );
}

/// What is being renewed, and what sets its terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenewalCase {
    /// A yearly renewal of endorsements in good standing.
    Renewal {
        /// Whether every endorsement it covers is in its first year after the
        /// award (no renewal approved yet).
        first_year: bool,
    },
    /// Reinstating endorsements that lapsed on this day.
    Reinstatement {
        /// The day they lapsed.
        lapsed_on: NaiveDate,
    },
}

impl RenewalCase {
    /// Renewal or reinstatement, without the terms.
    pub const fn kind(&self) -> crate::renewal::RenewalKind {
        match self {
            RenewalCase::Renewal { .. } => crate::renewal::RenewalKind::Renewal,
            RenewalCase::Reinstatement { .. } => crate::renewal::RenewalKind::Reinstatement,
        }
    }
}

/// One renewal (or reinstatement): the holder's endorsements it covers and
/// the period whose entries count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewalInput<'a> {
    /// Renewal or reinstatement.
    pub case: RenewalCase,
    /// Entries dated after this day count (the award, or the last renewal).
    pub since: NaiveDate,
    /// The categories covered; hours are counted once for all of them.
    pub categories: &'a [String],
    /// Their rules in the rulebook: which RSC providers qualify, and when a
    /// rating counts, exactly as for an application.
    pub rules: &'a [&'a CategoryRules],
    /// Whether the holder provides reflective supervision/consultation.
    pub provides_rsc: bool,
}

/// Weighs a holder's portfolio against the rulebook's renewal policy: the
/// same engine and report as for an application. A renewal asks for training
/// since `since` (none in the first year), RSC where a covered category needs
/// it, current membership and the Code of Ethics signed again; a
/// reinstatement asks for current membership, work since the lapse and new
/// reference ratings, and no exam.
pub fn evaluate_renewal(
    policy: &RenewalPolicy,
    input: &RenewalInput<'_>,
    portfolio: &Portfolio,
    as_of: NaiveDate,
    lang: Lang,
) -> EligibilityReport {
    let mut report = Builder::new(lang);
    let within = |date: NaiveDate| {
        if date <= input.since {
            Some(Text::new("engine-before-period").with("day", input.since))
        } else if date > as_of {
            Some(Text::new("engine-dated-future"))
        } else {
            None
        }
    };
    match &input.case {
        RenewalCase::Renewal { first_year } => {
            let exempt = *first_year && policy.first_year_exempt;
            renewal_training(&mut report, policy, input, portfolio, exempt, &within);
            if input
                .categories
                .iter()
                .any(|c| policy.rsc_required_for.contains(c))
            {
                let mut total = Hours::ZERO;
                let rsc_rules: Vec<&RscRule> =
                    input.rules.iter().filter_map(|c| c.rsc.as_ref()).collect();
                for session in sorted(&portfolio.rsc, |r| (r.date, r.id)) {
                    let mut why: Vec<Text> = within(session.date).into_iter().collect();
                    // The provider qualifies as for an application of one of
                    // the covered categories (peer supervision never does).
                    let provider = rsc_rules
                        .iter()
                        .map(|rule| provider_problem(rule, session))
                        .collect::<Vec<_>>();
                    if !provider.is_empty() && provider.iter().all(Option::is_some) {
                        why.extend(provider.into_iter().flatten().take(1));
                    }
                    if why.is_empty() {
                        total += session.hours;
                    }
                    report.verdict(Section::Rsc, session.id, why);
                }
                hours_line(
                    &mut report,
                    "rsc.hours",
                    Section::Rsc,
                    Text::new("engine-rsc"),
                    total,
                    policy.rsc_hours,
                    "engine-renewal-rsc-short",
                );
            }
            let signed = portfolio
                .agreements
                .iter()
                .filter(|a| a.kind == AgreementKind::CodeOfEthics)
                .map(|a| a.signed_at.date_naive())
                .filter(|on| *on > input.since && *on <= as_of)
                .max();
            report.line(
                "agreements.code_of_ethics".into(),
                Section::Agreements,
                Text::new("engine-ethics-again"),
                u32::from(signed.is_some()),
                1,
                Unit::Done,
                match signed {
                    Some(on) => Text::new("engine-ethics-signed-again").with("day", on),
                    None => Text::new("engine-ethics-not-since").with("day", input.since),
                },
                signed
                    .is_none()
                    .then(|| Text::new("engine-ethics-sign-again")),
            );
        }
        RenewalCase::Reinstatement { lapsed_on } => {
            let mut since_lapse = false;
            for entry in &portfolio.work {
                let current = entry.start <= as_of && entry.end.is_none_or(|end| end > *lapsed_on);
                since_lapse |= current;
                let why = if current {
                    Vec::new()
                } else {
                    vec![Text::new("engine-ended-before-lapse").with("day", *lapsed_on)]
                };
                report.verdict(Section::Work, entry.id, why);
            }
            report.line(
                "work.since_lapse".into(),
                Section::Work,
                Text::new("engine-work-since-lapse"),
                u32::from(since_lapse),
                1,
                Unit::Done,
                Text::new(if since_lapse {
                    "engine-work-since-recorded"
                } else {
                    "engine-work-since-none"
                })
                .with("day", *lapsed_on),
                (!since_lapse)
                    .then(|| Text::new("engine-work-since-short").with("day", *lapsed_on)),
            );
            let mut referees = BTreeSet::new();
            let reference_rules: Vec<&ReferenceRule> =
                input.rules.iter().map(|c| &c.references).collect();
            for reference in sorted(&portfolio.references, |r| {
                (r.rating.as_ref().map(|g| g.given_on), r.id)
            }) {
                let why = match &reference.rating {
                    Some(rating) if rating.given_on > *lapsed_on => {
                        // A rating counts as it would for an application of
                        // one of the covered categories.
                        let problems: Vec<Vec<Text>> = reference_rules
                            .iter()
                            .map(|rule| rating_problems(rule, rating, as_of))
                            .collect();
                        match problems.into_iter().min_by_key(Vec::len) {
                            Some(problems) if !problems.is_empty() => problems,
                            _ if !referees
                                .insert(reference.referee_email.trim().to_lowercase()) =>
                            {
                                vec![Text::new("engine-same-referee")]
                            }
                            _ => Vec::new(),
                        }
                    }
                    Some(_) => vec![Text::new("engine-given-before-lapse").with("day", *lapsed_on)],
                    None => vec![Text::new("engine-no-rating")],
                };
                report.verdict(Section::References, reference.id, why);
            }
            let got = u32::try_from(referees.len()).unwrap_or(u32::MAX);
            let needed = policy.reinstatement_references;
            report.line(
                "references.since_lapse".into(),
                Section::References,
                Text::new("engine-new-ratings"),
                got.min(needed),
                needed,
                Unit::Count,
                Text::new("engine-new-ratings-summary")
                    .with("count", got)
                    .with("needed", needed),
                (got < needed)
                    .then(|| Text::new("engine-new-ratings-short").with("n", needed - got)),
            );
        }
    }
    membership_line(&mut report, true, portfolio, as_of);

    let eligible = report.lines.iter().all(|line| line.met);
    report
        .entries
        .sort_by_key(|verdict| (verdict.section, verdict.entry));
    let kind = input.case.kind();
    EligibilityReport {
        category: kind.as_str().to_string(),
        category_name: Text::new("engine-renewal-of")
            .with("kind", kind.text())
            .with("categories", input.categories.join(", "))
            .say(lang),
        as_of,
        eligible,
        lines: report.lines,
        entries: report.entries,
        exam_required: false,
    }
}

/// A line of hours; `short` is the message of the shortfall, given `$more`.
fn hours_line(
    report: &mut Builder,
    key: &str,
    section: Section,
    label: Text,
    reached: Hours,
    required: Hours,
    short: &'static str,
) {
    report.line(
        key.to_string(),
        section,
        label.clone(),
        reached.quarters(),
        required.quarters(),
        Unit::QuarterHours,
        Text::new("engine-line-hours")
            .with("label", label)
            .with("hours", reached.as_f64())
            .with("needed", hours_text(required)),
        (reached < required)
            .then(|| Text::new(short).with("more", more_hours(required.saturating_sub(reached)))),
    );
}

fn renewal_training(
    report: &mut Builder,
    policy: &RenewalPolicy,
    input: &RenewalInput<'_>,
    portfolio: &Portfolio,
    exempt: bool,
    within: &dyn Fn(NaiveDate) -> Option<Text>,
) {
    let mut total = Hours::ZERO;
    let mut by_topic: BTreeMap<TrainingTopic, Hours> = BTreeMap::new();
    for entry in sorted(&portfolio.training, |t| (t.date, t.id)) {
        let why: Vec<Text> = within(entry.date).into_iter().collect();
        if why.is_empty() {
            total += entry.hours;
            for topic in &entry.topics {
                *by_topic.entry(*topic).or_default() += entry.hours;
            }
        }
        report.verdict(Section::Training, entry.id, why);
    }
    if exempt {
        report.line(
            "training.hours".into(),
            Section::Training,
            Text::new("engine-renewal-training"),
            0,
            0,
            Unit::QuarterHours,
            Text::new("engine-renewal-training-exempt"),
            None,
        );
        return;
    }
    hours_line(
        report,
        "training.hours",
        Section::Training,
        Text::new("engine-renewal-training"),
        total,
        policy.training_hours,
        "engine-renewal-training-short",
    );
    let topic = |t: TrainingTopic| by_topic.get(&t).copied().unwrap_or_default();
    hours_line(
        report,
        "training.topic.dei",
        Section::Training,
        Text::new("engine-training-on").with("topic", TrainingTopic::Dei.text()),
        topic(TrainingTopic::Dei),
        policy.dei_hours,
        "engine-renewal-dei-short",
    );
    if input.provides_rsc {
        hours_line(
            report,
            "training.topic.rsc",
            Section::Training,
            Text::new("engine-training-on").with("topic", TrainingTopic::Rsc.text()),
            topic(TrainingTopic::Rsc),
            policy.rsc_topic_hours_for_providers,
            "engine-renewal-rsc-topic-short",
        );
    }
}

#[cfg(test)]
mod tests;
