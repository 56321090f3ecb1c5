//! The query commands: pairs, partners, timeline, agreements, figures,
//! commitments, entity, conflicts, search, sources. Each prints a table (or
//! JSON Lines, or CSV) from the merged knowledge base.

use super::kb::DbArg;
use super::output::{print, OutputArg};
use accord_store::{Dates, KnowledgeStore, Query};
use anyhow::Result;
use std::process::ExitCode;

/// The help after a pair command's options: its examples, then how
/// countries are named and what the output holds.
macro_rules! pair_help {
    ($examples:expr) => {
        concat!(
            "Examples:\n",
            $examples,
            "\n\nCountries are given by ISO code (VN, BY; VNM, BLR) or by name in English, Vietnamese or \
             Russian (Vietnam, Việt Nam, Вьетнам); quote names with spaces. A record belongs to a pair when its \
             `parties` hold both. `accord pairs` lists the pairs the database holds.\n\n\
             --since and --until take a year, a month or a day (2024, 2024-05, 2024-05-11), both ends \
             included; a record is kept when its date (or interval) overlaps them, an undated one is left out.\n\n\
             Output: aligned columns fitted to the terminal (long text cut; see --width), labels in English \
             (the source's words stay in the quote); --json one JSON object per line, --csv CSV with a header \
             line, both with every column. Each row has the `id` of a merged record: \
             `accord sources ID` lists the documents and sentences it was read from."
        )
    };
}

/// The two countries of a pair.
#[derive(clap::Args)]
pub struct PairArgs {
    /// One country: an ISO code or a name
    #[arg(value_name = "A")]
    a: String,
    /// The other country
    #[arg(value_name = "B")]
    b: String,
    #[command(flatten)]
    dates: DatesArg,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

/// A date range.
#[derive(clap::Args)]
pub struct DatesArg {
    /// Only records dated on or after this year, month or day (2024, 2024-05, 2024-05-11)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only records dated on or before this year, month or day
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

impl DatesArg {
    pub fn dates(&self) -> Dates {
        Dates { since: self.since.clone(), until: self.until.clone() }
    }
}

/// What the database holds: every pair of countries with the counts of its records and its latest event.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  accord pairs\n  accord pairs --csv > pairs.csv\n  accord partners VN\n\n\
Each row is a pair of parties (countries by ISO code, organisations as named) that share records: \
how many events, agreements, figures and commitments, and the date of the latest event. Most records first.")]
pub struct PairsArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

/// A country's partners, each with the counts of their records and the latest event.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  accord partners VN\n  accord partners Belarus --json\n  accord partners BLR\n\n\
The country is given by ISO code (VN, VNM) or by name in English, Vietnamese or Russian. Each row is a \
party that shares records with it: how many events, agreements, figures and commitments, and the date of \
the latest event. Most records first; `accord timeline COUNTRY PARTNER` shows one.")]
pub struct PartnersArgs {
    /// The country: an ISO code or a name
    #[arg(value_name = "COUNTRY")]
    country: String,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

/// Events between two countries (visits, meetings, milestones, policies), in date order.
#[derive(clap::Args)]
#[command(after_help = pair_help!(
    "  accord timeline VN BY\n  accord timeline Vietnam Belarus --since 2024 --json\n  accord timeline VNM BLR --until 2019-06 | head\n  accord timeline \"Việt Nam\" Nga --db relations.db"
))]
pub struct TimelineArgs {
    #[command(flatten)]
    pair: PairArgs,
}

/// Agreements between two countries, by date signed (or in force).
#[derive(clap::Args)]
#[command(after_help = pair_help!("  accord agreements VN BY\n  accord agreements Vietnam Russia --json | jq .title\n  accord agreements VN BY --since 2020 --csv > agreements.csv"))]
pub struct AgreementsArgs {
    #[command(flatten)]
    pair: PairArgs,
}

/// Figures of two countries' relations (trade turnover, investment...), by indicator and period.
#[derive(clap::Args)]
#[command(after_help = pair_help!("  accord figures VN BY\n  accord figures vn by --json\n  accord figures VN BY --since 2023-01 --until 2024-12"))]
pub struct FiguresArgs {
    #[command(flatten)]
    pair: PairArgs,
}

/// Commitments of two countries (what they agreed, pledged or will do), optionally in one area.
#[derive(clap::Args)]
#[command(after_help = pair_help!(
    "  accord commitments VN BY\n  accord commitments VN BY --area defence\n  accord commitments VN BY --since 2024-05\n\n\
     A commitment is dated by the earliest publication of the documents that state it.\n\
     Areas: politics defence security economy trade investment finance industry agriculture energy\n\
     health science_technology digital transport education labour justice environment culture\n\
     sports tourism media people_to_people consular multilateral maritime partnership other"
))]
pub struct CommitmentsArgs {
    #[command(flatten)]
    pair: PairArgs,
    /// Only commitments in this area (see the list below; another word is an error)
    #[arg(long, value_name = "AREA")]
    area: Option<String>,
}

/// People, countries, organisations and places whose name (or alias) is NAME, diacritics ignored.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  accord entity \"To Lam\"\n  accord entity Belarus\n  accord entity \"Bộ Ngoại giao\" --json\n\n\
A name matches when it equals, folded (no diacritics, đ = d, any case), the entity's name or an alias; \
when nothing does, entities whose names contain it are listed.")]
pub struct EntityArgs {
    /// The name to look for
    #[arg(value_name = "NAME")]
    name: String,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

/// Where sources disagree on a merged record (a date, a value), for all records or a pair's.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  accord conflicts\n  accord conflicts VN BY --json\n\nEach row names \
the record, the field and every value with the documents that give it.")]
pub struct ConflictsArgs {
    /// Only records of this pair (give both countries)
    #[arg(value_name = "A", requires = "b")]
    a: Option<String>,
    #[arg(value_name = "B")]
    b: Option<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

/// Sentences holding TEXT as a phrase (whole words, in order), in any document, diacritics ignored both ways.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  accord search visa exemption   (the phrase)\n  accord search \"Đà Nẵng\"      (also finds \"Da Nang\")\n  \
accord search \"da nang\"      (also finds \"Đà Nẵng\")\n  accord search thị thực --limit 5 --json\n\n\
Words are folded (no diacritics, đ = d, any case) in the index and in the query. The words are one \
phrase: a sentence matches when it holds them whole, adjacent and in order (\"ha noi\" is not \"hạ tầng ... nội\"), \
written together (\"ha noi\" finds \"Hanoi\") or as another name of the place in the gazetteer (\"Ханой\"). \
Quote parts to find each anywhere in the sentence: accord search '\"ha noi\"' visa. \
Best matches first, then the newest, among the 2000 most recently stored matches."
)]
pub struct SearchArgs {
    /// The words to look for
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
    /// At most this many sentences
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

/// The documents and sentences a merged record was read from.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  accord timeline VN BY            (the id column)\n  accord sources ID\n  \
accord sources ID --json\n  accord sources ID --limit 0       (every source; the default shows the first 1000)\n\nEach row is one source: the document, its publication date, the byte offsets \
of the sentence in the input file, the sentence, and where the document was read from.")]
pub struct SourcesArgs {
    /// The id of a merged record (the `id` column of any query)
    #[arg(value_name = "ID")]
    id: String,
    /// At most this many sources, in document order (0: all of them)
    #[arg(long, default_value_t = 1000)]
    limit: usize,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    out: OutputArg,
}

fn answer(db: &DbArg, out: &OutputArg, query: Query) -> Result<ExitCode> {
    let store = db.open_for_reading()?;
    let table = store.query(&query)?;
    print(&table, out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn pairs(args: PairsArgs) -> Result<ExitCode> {
    answer(&args.db, &args.out, Query::Pairs)
}

pub fn partners(args: PartnersArgs) -> Result<ExitCode> {
    answer(&args.db, &args.out, Query::Partners { country: args.country })
}

pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let p = args.pair;
    answer(&p.db, &p.out, Query::Timeline { a: p.a, b: p.b, dates: p.dates.dates() })
}

pub fn agreements(args: AgreementsArgs) -> Result<ExitCode> {
    let p = args.pair;
    answer(&p.db, &p.out, Query::Agreements { a: p.a, b: p.b, dates: p.dates.dates() })
}

pub fn figures(args: FiguresArgs) -> Result<ExitCode> {
    let p = args.pair;
    answer(&p.db, &p.out, Query::Figures { a: p.a, b: p.b, dates: p.dates.dates() })
}

pub fn commitments(args: CommitmentsArgs) -> Result<ExitCode> {
    let p = args.pair;
    answer(&p.db, &p.out, Query::Commitments { a: p.a, b: p.b, area: args.area, dates: p.dates.dates() })
}

pub fn entity(args: EntityArgs) -> Result<ExitCode> {
    answer(&args.db, &args.out, Query::Entity { name: args.name })
}

pub fn conflicts(args: ConflictsArgs) -> Result<ExitCode> {
    let pair = args.a.zip(args.b);
    answer(&args.db, &args.out, Query::Conflicts { pair })
}

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    answer(&args.db, &args.out, Query::Search { text: args.text.join(" "), limit: args.limit })
}

pub fn sources(args: SourcesArgs) -> Result<ExitCode> {
    answer(&args.db, &args.out, Query::Sources { id: args.id, limit: args.limit })
}
