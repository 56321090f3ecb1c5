//! Charts drawn on the server as inline SVG, so they need no JavaScript: the
//! timeline of a pair's events (one lane per type, each mark a link to the
//! event) and a pair's figures over time (actual values joined by a line,
//! targets and estimates as their own marks). Text in the SVG goes through
//! maud like the rest of the page, so it is escaped the same way.

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

/// The timeline of dated events, or None when no event has a date.
pub fn timeline(events: &[EventRow]) -> Option<Markup> {
    let dated: Vec<(&EventRow, f64)> = events.iter().filter_map(|e| Some((e, e.date.as_deref().and_then(year_of)?))).collect();
    let years = Years::over(dated.iter().map(|d| d.1))?;
    let lane = |kind: &str| LANES.iter().position(|l| *l == kind).unwrap_or(LANES.len() - 1);
    let used: Vec<&str> = LANES.iter().copied().filter(|l| dated.iter().any(|(e, _)| LANES[lane(&e.kind)] == *l)).collect();
    let row = |kind: &str| used.iter().position(|l| *l == LANES[lane(kind)]).unwrap_or(0) as f64;
    let lane_h = 40.0;
    let axis_y = 16.0 + lane_h * used.len() as f64;
    let height = axis_y + 30.0;
    Some(html! {
        svg.chart.timeline-chart viewBox=(format!("0 0 {WIDTH} {height}")) role="group" aria-label="Timeline of events" {
            @for (i, l) in used.iter().enumerate() {
                @let y = 16.0 + lane_h * (i as f64 + 0.5);
                line.lane x1=(LEFT) x2=(WIDTH - RIGHT) y1=(y) y2=(y) {}
                text.lane-label x="4" y=(y + 4.0) { (l) }
            }
            line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(axis_y) y2=(axis_y) {}
            @for t in years.ticks() {
                line.tick x1=(years.x(t as f64)) x2=(years.x(t as f64)) y1=(axis_y) y2=(axis_y + 5.0) {}
                text.tick-label x=(years.x(t as f64)) y=(axis_y + 20.0) text-anchor="middle" { (t) }
            }
            @for (e, x) in &dated {
                @let y = 16.0 + lane_h * (row(&e.kind) + 0.5);
                a.mark-link href=(href("events", &e.id)) {
                    title { (e.date.as_deref().unwrap_or("")) " " (e.kind) (e.detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())
                        @if !e.participants.is_empty() { " — " (e.participants.join(", ")) } }
                    circle class=(format!("mark mark-{}", LANES[lane(&e.kind)])) cx=(format!("{:.1}", years.x(*x))) cy=(y) r="7" {}
                }
            }
        }
    })
}

/// The points of one indicator in one unit: each figure with its year.
type Series<'a> = ((String, Option<String>), Vec<(&'a FigureRow, f64)>);

/// One chart per indicator (and unit) with a dated figure.
pub fn figures(figures: &[FigureRow]) -> Vec<(String, Markup)> {
    let mut series: Vec<Series> = Vec::new();
    for f in figures {
        let Some(x) = f.period.as_deref().and_then(year_of) else {
            continue;
        };
        let key = (f.indicator.clone(), f.unit.clone());
        match series.iter_mut().find(|(k, _)| *k == key) {
            Some((_, points)) => points.push((f, x)),
            None => series.push((key, vec![(f, x)])),
        }
    }
    series
        .into_iter()
        .filter_map(|((indicator, unit), mut points)| {
            points.sort_by(|a, b| a.1.total_cmp(&b.1));
            let title = match &unit {
                Some(u) => format!("{} ({u})", indicator.replace('_', " ")),
                None => indicator.replace('_', " "),
            };
            Some((title.clone(), chart(&title, &points)?))
        })
        .collect()
}

fn chart(title: &str, points: &[(&FigureRow, f64)]) -> Option<Markup> {
    let years = Years::over(points.iter().map(|p| p.1))?;
    let max = points.iter().map(|p| p.0.value).fold(0.0_f64, f64::max);
    let top_value = if max > 0.0 { max * 1.1 } else { 1.0 };
    let (top, bottom) = (16.0, 200.0);
    let y = |v: f64| bottom - (v.max(0.0) / top_value) * (bottom - top);
    let actual: Vec<String> =
        points.iter().filter(|p| p.0.status == "actual").map(|p| format!("{:.1},{:.1}", years.x(p.1), y(p.0.value))).collect();
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
            @if actual.len() > 1 {
                polyline.actual-line points=(actual.join(" ")) {}
            }
            @for (f, x) in points {
                @let (cx, cy) = (years.x(*x), y(f.value));
                a.mark-link href=(href("figures", &f.id)) {
                    title { (f.period.as_deref().unwrap_or("")) " " (f.status) ": " (human_number(f.value)) " " (f.unit.as_deref().unwrap_or("")) }
                    @if f.status == "target" {
                        rect.mark.mark-target x=(format!("{:.1}", cx - 6.0)) y=(format!("{:.1}", cy - 6.0)) width="12" height="12" {}
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

    #[test]
    fn dates_and_periods_become_years() {
        assert_eq!(year_of("2024"), Some(2024.0));
        assert_eq!(year_of("2024-07"), Some(2024.5));
        assert!((year_of("2025-05-11/2025-05-12").unwrap() - (2025.0 + 4.0 / 12.0 + 10.0 / 365.0)).abs() < 1e-9);
        assert_eq!(year_of("2024-13"), Some(2024.0));
        assert_eq!(year_of("Q3"), None);
        assert_eq!(year_of("20"), None);
        assert_eq!(year_of("२०२४"), None);
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
