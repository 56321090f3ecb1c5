//! Charts drawn on the server as inline SVG, so they need no JavaScript: the
//! timeline of a pair's events (one lane per type, each mark a link to the
//! event) and a pair's figures over time (actual values joined by a line,
//! targets and estimates as their own marks). Text in the SVG goes through
//! maud like the rest of the page, so it is escaped the same way.

use crate::fmt::human_date;
use crate::links::{href, human_number};
use accord_store::views::{EventRow, FigureRow};
use maud::{html, Markup};

const WIDTH: f64 = 960.0;
const LEFT: f64 = 96.0;
const RIGHT: f64 = 24.0;

/// The year of a date or period as a number (`2025-05-11` is 2025.36),
/// from the start of an interval. None when it does not start with a year.
pub fn year_of(date: &str) -> Option<f64> {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = date.get(r)?;
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    let year = digits(0..4)?;
    let mut x = year as f64;
    if b.get(4) == Some(&b'-') {
        if let Some(month) = digits(5..7).filter(|m| (1..=12).contains(m)) {
            x += (month - 1) as f64 / 12.0;
            if b.get(7) == Some(&b'-') {
                if let Some(day) = digits(8..10).filter(|d| (1..=31).contains(d)) {
                    x += (day - 1) as f64 / 365.0;
                }
            }
        }
    }
    Some(x)
}

/// A horizontal scale from years to x.
struct Years {
    from: f64,
    to: f64,
}

impl Years {
    fn over(xs: impl Iterator<Item = f64>) -> Option<Years> {
        let (mut from, mut to) = (f64::INFINITY, f64::NEG_INFINITY);
        for x in xs {
            from = from.min(x);
            to = to.max(x);
        }
        if !from.is_finite() {
            return None;
        }
        Some(Years { from: from.floor() - 0.5, to: to.ceil() + 0.5 })
    }

    fn x(&self, year: f64) -> f64 {
        LEFT + (year - self.from) / (self.to - self.from) * (WIDTH - LEFT - RIGHT)
    }

    fn ticks(&self) -> Vec<i64> {
        let span = self.to - self.from;
        let step = [1, 2, 5, 10, 20, 50, 100].into_iter().find(|s| span / *s as f64 <= 10.0).unwrap_or(200);
        let first = (self.from.ceil() as i64 + step - 1).div_euclid(step) * step;
        (0..).map(|i| first + i * step).take_while(|y| (*y as f64) <= self.to).collect()
    }
}

const LANES: [&str; 5] = ["visit", "meeting", "milestone", "policy", "other"];

/// Closest two marks of one lane may stand before the later one is raised.
const MARK_GAP: f64 = 16.0;
/// How far a raised mark stands above the one it would hide.
const STACK_STEP: f64 = 15.0;

/// Each mark's level in its lane: marks on nearby dates are stacked so
/// none hides another (the first free level whose last mark is far enough).
fn stack(xs: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut last: Vec<f64> = Vec::new();
    let mut levels = vec![0; xs.len()];
    for i in order {
        let level = last.iter().position(|&x| xs[i] - x >= MARK_GAP).unwrap_or(last.len());
        if level == last.len() {
            last.push(xs[i]);
        } else {
            last[level] = xs[i];
        }
        levels[i] = level;
    }
    levels
}

/// The timeline of dated events, or None when no event has a date.
pub fn timeline(events: &[EventRow]) -> Option<Markup> {
    let dated: Vec<(&EventRow, f64)> = events.iter().filter_map(|e| Some((e, e.date.as_deref().and_then(year_of)?))).collect();
    let years = Years::over(dated.iter().map(|d| d.1))?;
    let lane = |kind: &str| LANES.iter().position(|l| *l == kind).unwrap_or(LANES.len() - 1);
    let used: Vec<&str> = LANES.iter().copied().filter(|l| dated.iter().any(|(e, _)| LANES[lane(&e.kind)] == *l)).collect();
    let row = |kind: &str| used.iter().position(|l| *l == LANES[lane(kind)]).unwrap_or(0);
    // Each lane as high as its highest stack.
    let mut level = vec![0usize; dated.len()];
    let mut lane_h = vec![40.0; used.len()];
    for (r, h) in lane_h.iter_mut().enumerate() {
        let members: Vec<usize> = (0..dated.len()).filter(|&i| row(&dated[i].0.kind) == r).collect();
        let levels = stack(&members.iter().map(|&i| years.x(dated[i].1)).collect::<Vec<_>>());
        for (&i, &l) in members.iter().zip(&levels) {
            level[i] = l;
        }
        *h += STACK_STEP * levels.iter().copied().max().unwrap_or(0) as f64;
    }
    let lane_top = |r: usize| 16.0 + lane_h[..r].iter().sum::<f64>();
    // A mark's centre: its lane's base line, raised by its level.
    let base = |r: usize| lane_top(r) + lane_h[r] - 20.0;
    let axis_y = lane_top(used.len());
    let height = axis_y + 30.0;
    Some(html! {
        svg.chart.timeline-chart viewBox=(format!("0 0 {WIDTH} {height}")) role="group" aria-label="Timeline of events" {
            @for (i, l) in used.iter().enumerate() {
                line.lane x1=(LEFT) x2=(WIDTH - RIGHT) y1=(base(i)) y2=(base(i)) {}
                text.lane-label x="4" y=(base(i) + 4.0) { (l) }
            }
            line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(axis_y) y2=(axis_y) {}
            @for t in years.ticks() {
                line.tick x1=(years.x(t as f64)) x2=(years.x(t as f64)) y1=(axis_y) y2=(axis_y + 5.0) {}
                text.tick-label x=(years.x(t as f64)) y=(axis_y + 20.0) text-anchor="middle" { (t) }
            }
            @for (i, (e, x)) in dated.iter().enumerate() {
                @let y = base(row(&e.kind)) - STACK_STEP * level[i] as f64;
                a.mark-link href=(href("events", &e.id)) {
                    title { (e.date.as_deref().map(human_date).unwrap_or_default()) " " (e.kind) (e.detail.as_deref().map(|d| format!(": {}", d.replace('_', " "))).unwrap_or_default())
                        @if !e.participants.is_empty() { " — " (e.participants.join(", ")) } }
                    circle class=(format!("mark mark-{}", LANES[lane(&e.kind)])) cx=(format!("{:.1}", years.x(*x))) cy=(format!("{y:.1}")) r="7" {}
                }
            }
        }
    })
}

/// The points of one indicator in one unit: each figure with its year
/// (None: no period; a target of no period is drawn as a level).
type Series<'a> = ((String, Option<String>), Vec<(&'a FigureRow, Option<f64>)>);

/// How long a period is, so that only like periods are joined: `2024` a
/// year, `2025-01/2025-03` three months, `2024-05` a month.
pub fn period_length(period: &str) -> &'static str {
    let months = |d: &str| -> Option<i64> { Some(d.get(0..4)?.parse::<i64>().ok()? * 12 + d.get(5..7)?.parse::<i64>().ok()?) };
    match period.split_once('/') {
        None if period.len() == 4 => "year",
        None if period.len() == 7 => "month",
        None => "day",
        Some((a, b)) => match (months(a), months(b)) {
            (Some(a), Some(b)) if b - a == 2 => "quarter",
            (Some(a), Some(b)) if b - a == 5 => "half year",
            (Some(a), Some(b)) if b - a == 11 => "year",
            (Some(a), Some(b)) if b == a => "month",
            _ => "other period",
        },
    }
}

/// One chart per indicator (and unit) with a dated figure.
pub fn figures(figures: &[FigureRow]) -> Vec<(String, Markup)> {
    let mut series: Vec<Series> = Vec::new();
    for f in figures {
        let x = f.period.as_deref().and_then(year_of);
        if x.is_none() && f.status != "target" {
            continue;
        }
        let key = (f.indicator.clone(), f.unit.clone());
        match series.iter_mut().find(|(k, _)| *k == key) {
            Some((_, points)) => points.push((f, x)),
            None => series.push((key, vec![(f, x)])),
        }
    }
    series
        .into_iter()
        .filter_map(|((indicator, unit), mut points)| {
            points.sort_by(|a, b| a.1.unwrap_or(f64::MAX).total_cmp(&b.1.unwrap_or(f64::MAX)));
            let title = match &unit {
                Some(u) => format!("{} ({u})", indicator.replace('_', " ")),
                None => indicator.replace('_', " "),
            };
            Some((title.clone(), chart(&title, &points)?))
        })
        .collect()
}

/// The lines of a chart: the points of one status and one length of period, joined.
fn lines(points: &[(&FigureRow, f64)], x: impl Fn(f64) -> f64, y: impl Fn(f64) -> f64) -> Vec<(String, String)> {
    let mut out: Vec<((&str, &str), Vec<String>)> = Vec::new();
    for (f, year) in points {
        let key = (f.status.as_str(), period_length(f.period.as_deref().unwrap_or("")));
        let point = format!("{:.1},{:.1}", x(*year), y(f.value));
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ps)) => ps.push(point),
            None => out.push((key, vec![point])),
        }
    }
    out.into_iter()
        .filter(|(_, ps)| ps.len() > 1)
        .map(|((status, _), ps)| {
            (format!("line-{}", if status == "actual" || status == "target" { status } else { "estimate" }), ps.join(" "))
        })
        .collect()
}

fn chart(title: &str, all: &[(&FigureRow, Option<f64>)]) -> Option<Markup> {
    let points: Vec<(&FigureRow, f64)> = all.iter().filter_map(|(f, x)| Some((*f, (*x)?))).collect();
    let levels: Vec<&FigureRow> = all.iter().filter(|(_, x)| x.is_none()).map(|(f, _)| *f).collect();
    let years = Years::over(points.iter().map(|p| p.1))?;
    let max = all.iter().map(|p| p.0.value).fold(0.0_f64, f64::max);
    let top_value = if max > 0.0 { max * 1.1 } else { 1.0 };
    let (top, bottom) = (16.0, 200.0);
    let y = |v: f64| bottom - (v.max(0.0) / top_value) * (bottom - top);
    Some(html! {
        svg.chart.figure-chart viewBox=(format!("0 0 {WIDTH} 236")) role="group" aria-label=(title) {
            line.axis x1=(LEFT) x2=(LEFT) y1=(top) y2=(bottom) {}
            line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(bottom) y2=(bottom) {}
            @for v in [0.0, max / 2.0, max] {
                text.tick-label x=(LEFT - 6.0) y=(y(v) + 4.0) text-anchor="end" { (human_number(v)) }
                line.grid x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y(v)) y2=(y(v)) {}
            }
            @for t in years.ticks() {
                text.tick-label x=(years.x(t as f64)) y=(bottom + 20.0) text-anchor="middle" { (t) }
            }
            @for (class, points) in lines(&points, |x| years.x(x), y) {
                polyline class=(class) points=(points) {}
            }
            @for f in &levels {
                a.mark-link href=(href("figures", &f.id)) {
                    title { "target (no period given): " (human_number(f.value)) " " (f.unit.as_deref().unwrap_or("")) }
                    line.target-level x1=(LEFT) x2=(WIDTH - RIGHT) y1=(format!("{:.1}", y(f.value))) y2=(format!("{:.1}", y(f.value))) {}
                    text.tick-label.target-label x=(WIDTH - RIGHT - 4.0) y=(format!("{:.1}", y(f.value) - 5.0)) text-anchor="end" { "target " (human_number(f.value)) }
                }
            }
            @for (f, x) in &points {
                @let (cx, cy) = (years.x(*x), y(f.value));
                a.mark-link href=(href("figures", &f.id)) {
                    title { (f.period.as_deref().map(human_date).unwrap_or_default()) " (" (period_length(f.period.as_deref().unwrap_or(""))) ") " (f.status) ": " (human_number(f.value)) " " (f.unit.as_deref().unwrap_or("")) }
                    @if f.status == "target" {
                        rect.mark.mark-target x=(format!("{:.1}", cx - 6.0)) y=(format!("{:.1}", cy - 6.0)) width="12" height="12" transform=(format!("rotate(45 {cx:.1} {cy:.1})")) {}
                    } @else {
                        circle class=(format!("mark mark-{}", if f.status == "actual" { "actual" } else { "estimate" }))
                            cx=(format!("{cx:.1}")) cy=(format!("{cy:.1}")) r="6" {}
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_cases;

    #[test]
    fn dates_and_periods_become_years() {
        let cases =
            [("2024", Some(2024.0)), ("2024-07", Some(2024.5)), ("2024-13", Some(2024.0)), ("Q3", None), ("20", None), ("२०२४", None)];
        check_cases(year_of, &cases);
        assert!((year_of("2025-05-11/2025-05-12").unwrap() - (2025.0 + 4.0 / 12.0 + 10.0 / 365.0)).abs() < 1e-9);
    }

    #[test]
    fn marks_on_nearby_dates_are_stacked_and_apart_ones_are_not() {
        assert_eq!(stack(&[100.0, 105.0, 300.0, 110.0, 130.0]), vec![0, 1, 0, 2, 0]);
        assert_eq!(stack(&[]), Vec::<usize>::new());
    }

    #[test]
    fn only_periods_of_one_length_are_joined() {
        let lengths = [("2024", "year"), ("2025-01/2025-03", "quarter"), ("2024-01/2024-12", "year"), ("2024-05", "month")];
        check_cases(period_length, &lengths);
        let figure = |period: &str, status: &str| FigureRow {
            id: period.into(),
            indicator: "trade".into(),
            value: 1.0,
            unit: None,
            period: Some(period.into()),
            status: status.into(),
            parties: vec![],
            sources: 1,
            quote: None,
        };
        let (a, b, c, d) =
            (figure("2023", "actual"), figure("2024", "actual"), figure("2025-01/2025-03", "actual"), figure("2030", "target"));
        let points = [(&a, 2023.0), (&b, 2024.0), (&c, 2025.0), (&d, 2030.0)];
        let drawn = lines(&points, |x| x, |v| v);
        assert_eq!(drawn.len(), 1, "the two years are joined, the quarter and the lone target are not: {drawn:?}");
        assert_eq!(drawn[0].1, "2023.0,1.0 2024.0,1.0");
    }

    #[test]
    fn ticks_stay_few_and_inside_the_range() {
        let y = Years { from: 1949.5, to: 2025.5 };
        let t = y.ticks();
        assert!(t.len() <= 10 && t.len() >= 3, "{t:?}");
        assert!(t.iter().all(|&v| (v as f64) >= y.from && (v as f64) <= y.to));
        assert_eq!(Years { from: 2023.5, to: 2025.5 }.ticks(), vec![2024, 2025]);
    }
}
