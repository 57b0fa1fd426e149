//! Pictures of the log, drawn as SVG by the app: activity over time (click to jump there) and
//! messages per speaker. Colours come from the speaker classes, so both themes work. Closed, it
//! is a slim strip over the log; opened, the full timeline and the speaker bars.

use yew::prelude::*;

use crate::activity::{Activity, TOP_SPEAKERS};
use crate::state::{OpenLog, Shared};
use crate::permalink::Anchor;

/// The timeline's height in SVG units; its width is one unit per bucket. Whole, and written
/// with integer formatting: a float's `Display` would cost the app ~8 KB gzipped.
const TIMELINE_HEIGHT: u32 = 40;

/// Sections offered in the chart's menu (a long log has thousands).
const MENU_SECTIONS: usize = 100;

/// Speakers drawn in the bar chart.
const CHART_SPEAKERS: usize = 12;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub open: Shared<OpenLog>,
}

#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let open = &props.open;
    let expanded = use_state(|| false);
    let Some(activity) = &open.activity else { return html! {} };
    let ontoggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    html! {
        <section class={classes!("overview", expanded.then_some("expanded"))} aria-label="Overview">
            <div class="overview-body">
                <Timeline activity={Shared(std::rc::Rc::clone(activity))} />
                if *expanded {
                    <SpeakersChart open={open.clone()} />
                }
            </div>
            <button type="button" class="link-button overview-toggle" aria-expanded={expanded.to_string()} onclick={ontoggle}
                title={if *expanded { "Back to the slim strip" } else { "The full timeline and messages per speaker" }}>
                { if *expanded { "Less" } else { "Chart" } }
            </button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TimelineProps {
    activity: Shared<Activity>,
}

#[component]
fn Timeline(props: &TimelineProps) -> Html {
    let activity = &props.activity;
    let n_buckets = activity.buckets.len();
    let busiest = activity.buckets.iter().map(|bucket| bucket.total()).max().unwrap_or(1).max(1);
    let scale = f64::from(TIMELINE_HEIGHT) / f64::from(busiest);
    // One path per speaker (and one for everyone else): a handful of elements however long the log.
    let mut paths = vec![String::new(); TOP_SPEAKERS + 1];
    for (x, bucket) in activity.buckets.iter().enumerate() {
        let mut bottom = f64::from(TIMELINE_HEIGHT);
        for (slot, &count) in bucket.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let height = f64::from(count) * scale;
            bottom -= height;
            paths[slot].push_str(&format!("M{x} {}h1v{}h-1z", hundredths(bottom), hundredths(height)));
        }
    }
    let onclick = {
        let activity = activity.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(svg) = event.target_dyn_into::<web_sys::Element>().and_then(|target| target.closest("svg").ok().flatten()) else { return };
            let rect = svg.get_bounding_client_rect();
            let fraction = (f64::from(event.client_x()) - rect.left()) / rect.width().max(1.0);
            let bucket = ((fraction * activity.buckets.len() as f64).floor().max(0.0) as usize).min(activity.buckets.len().saturating_sub(1));
            if let Some(bucket) = activity.buckets.get(bucket) {
                crate::browser::go_to_anchor(Anchor::Line(bucket.first_line + 1));
            }
        })
    };
    let unit = match activity.bucket_minutes {
        1 => "minute".to_owned(),
        minutes if minutes % 1440 == 0 => format!("{} days", minutes / 1440),
        minutes if minutes % 60 == 0 => format!("{} h", minutes / 60),
        minutes => format!("{minutes} min"),
    };
    let classes = activity.speakers.iter().map(|(_, colour)| format!("speaker-{colour}")).chain(std::iter::once("others".to_owned()));
    html! {
        <figure class="timeline">
            <svg viewBox={format!("0 0 {n_buckets} {TIMELINE_HEIGHT}")} preserveAspectRatio="none" role="img"
                aria-label={format!("Messages per {unit}, coloured by speaker, over the agenda's sections; click to go to that moment")} {onclick}>
                // The agenda's sections as alternating bands behind the bars (a few hundred at most).
                { for activity.section_buckets.iter().take(MENU_SECTIONS * 4).enumerate().map(|(index, &(first, last))| html! {
                    <rect class={classes!("band", (index % 2 == 1).then_some("odd"))} x={first.to_string()} y="0"
                        width={(last - first + 1).to_string()} height={TIMELINE_HEIGHT.to_string()} />
                }) }
                { for paths.into_iter().zip(classes).filter(|(path, _)| !path.is_empty()).map(|(path, class)| html! {
                    <path class={class} fill="currentColor" d={path} />
                }) }
            </svg>
            <figcaption>{format!("Messages per {unit} · click to go there")}</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct SpeakersChartProps {
    open: Shared<OpenLog>,
}

/// Messages per speaker, for the whole log or for one agenda section.
#[component]
fn SpeakersChart(props: &SpeakersChartProps) -> Html {
    let open = &props.open;
    let section = use_state(|| None::<usize>);
    let bars: Vec<(String, usize, usize)> = match (*section).and_then(|index| open.agenda.sections.get(index)) {
        Some(section) => section.participants.iter().map(|(nick, count)| (nick.clone(), *count, open.roster.colour(nick))).collect(),
        None => open.speakers.iter().map(|speaker| (speaker.nick.clone(), speaker.n_lines, speaker.colour)).collect(),
    };
    let bars = &bars[..bars.len().min(CHART_SPEAKERS)];
    let most = bars.iter().map(|(_, count, _)| *count).max().unwrap_or(1).max(1);
    let row_height = 18.0;
    let onchange = {
        let section = section.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            section.set(select.value().parse::<usize>().ok());
        })
    };
    html! {
        <figure class="speakers-chart">
            if !open.agenda.sections.is_empty() {
                <select class="chart-section" aria-label="Messages per speaker in" {onchange}>
                    <option value="" selected={section.is_none()}>{"The whole log"}</option>
                    { for open.agenda.sections.iter().enumerate().take(MENU_SECTIONS).map(|(index, found)| html! {
                        <option value={index.to_string()} selected={*section == Some(index)}>{found.title.clone()}</option>
                    }) }
                </select>
            }
            <svg viewBox={format!("0 0 300 {}", hundredths(row_height * bars.len().max(1) as f64))} role="img" aria-label="Messages per speaker">
                { for bars.iter().enumerate().map(|(row, (nick, count, colour))| {
                    let y = row as f64 * row_height;
                    let width = 180.0 * *count as f64 / most as f64;
                    html! {
                        <g class={format!("speaker-{colour}")}>
                            <path d={crate::colour::Marker::of(*colour).svg_path()} transform={format!("translate(0 {}) scale(0.1)", hundredths(y + 4.0))} fill="currentColor" />
                            <text x="14" y={hundredths(y + 13.0)} fill="currentColor">{crate::text::visible_nick(nick).into_owned()}</text>
                            <rect x="100" y={hundredths(y + 3.0)} width={hundredths(width)} height="12" rx="2" fill="currentColor" />
                            <text x={hundredths(104.0 + width)} y={hundredths(y + 13.0)} class="count">{*count}</text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{"Messages per speaker"}</figcaption>
        </figure>
    }
}

/// `value` (not negative) to two decimals, for SVG coordinates, always written the same way.
fn hundredths(value: f64) -> String {
    let hundredths = (value.max(0.0) * 100.0).round() as u64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::hundredths;

    #[test]
    fn svg_numbers_have_two_decimals_and_round() {
        for (value, written) in [(0.0, "0.00"), (13.0, "13.00"), (3.146, "3.15"), (2.005_1, "2.01"), (179.999, "180.00"), (-1.0, "0.00")] {
            assert_eq!(hundredths(value), written, "{value}");
        }
    }
}
