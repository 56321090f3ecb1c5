//! `accord bench --scaling`: time per MB of extraction as a document grows
//! from 100 KB to 10 MB, with sentence stops and without (one line, no stop),
//! next to short articles made of the same sentences.
//!
//! The inputs are generated: sentences from templates written for this bench
//! (invented people, real countries) in English, Vietnamese and Russian,
//! filled and shuffled by a fixed seed, or, with paths, the sentences of
//! those articles read at run time.

use accord_doc::{Document, Lang};
use anyhow::Result;
use std::process::ExitCode;

const EN: &[&str] = &[
    "President {P} of {C} paid an official visit to {C2} from {D} {M} at the invitation of Prime Minister {Q}.",
    "During talks with Foreign Minister {Q}, Deputy Prime Minister {P} said that {C} and {C2} would expand cooperation in energy, education and agriculture.",
    "The two sides signed an agreement on visa exemption and a memorandum of understanding on digital transformation.",
    "Trade turnover between {C} and {C2} reached {N} billion USD in {Y}, up {K} percent from a year earlier.",
    "{C} committed to provide {N} million USD in assistance to {C2} by {Z}.",
    "Ambassador {P} met Minister of Industry and Trade {Q} to discuss investment projects in {C2}.",
    "The leaders agreed to raise bilateral trade to {N} billion USD by {Z} and to open a direct flight between the two capitals.",
    "On {M} {D}, Chairman of the National Assembly {P} received a delegation led by {Q}, Speaker of the parliament of {C}.",
    "The joint statement noted that {C} supports the peaceful settlement of disputes in accordance with international law.",
    "Talks between {P} and {Q} focused on security, climate change and the supply of fertiliser to {C2}.",
    "Mr {P} thanked the people of {C2} for their support and invited {Q} to visit {C} at a convenient time.",
    "Both countries will hold the next session of the intergovernmental commission in {Y}, the ministers said.",
];
const EN_PEOPLE: &[&str] = &[
    "Anna Verhoeven",
    "Tomas Krelling",
    "Maria Odegaard",
    "Julian Barrow",
    "Sofia Ketterman",
    "Daniel Mirov",
    "Helen Strand",
    "Oskar Lindqvist",
];
const EN_COUNTRIES: &[&str] = &["Vietnam", "Russia", "India", "Belarus", "Japan", "Laos", "Cuba", "Kazakhstan"];
const EN_MONTHS: &[&str] = &["January", "March", "May", "June", "September", "November"];

const VI: &[&str] = &[
    "Chủ tịch nước {P} đã có chuyến thăm chính thức {C2} từ ngày {D} đến ngày {E} tháng {M} năm {Y}.",
    "Thủ tướng {P} hội đàm với Thủ tướng {C2} {Q} tại Hà Nội về hợp tác kinh tế, giáo dục và năng lượng.",
    "Hai bên đã ký kết hiệp định miễn thị thực và bản ghi nhớ về hợp tác giáo dục.",
    "Kim ngạch thương mại song phương giữa {C} và {C2} đạt {N} tỷ USD trong năm {Y}, tăng {K}% so với năm trước.",
    "{C} cam kết hỗ trợ {C2} {N} triệu USD để phát triển nông nghiệp đến năm {Z}.",
    "Bộ trưởng Ngoại giao {P} tiếp Đại sứ {C2} {Q} nhân dịp kết thúc nhiệm kỳ công tác.",
    "Lãnh đạo hai nước nhất trí nâng kim ngạch thương mại lên {N} tỷ USD vào năm {Z}.",
    "Chủ tịch Quốc hội {P} đã hội kiến Tổng thống {C2} {Q} trong khuôn khổ chuyến thăm.",
    "Tuyên bố chung nêu rõ {C} ủng hộ giải quyết tranh chấp bằng biện pháp hòa bình trên cơ sở luật pháp quốc tế.",
    "Ông {P} cảm ơn nhân dân {C2} đã ủng hộ và mời {Q} sớm thăm {C} vào thời điểm thuận tiện.",
];
const VI_PEOPLE: &[&str] = &["Phạm Quốc Trung", "Đỗ Minh Khôi", "Lê Thị Hằng", "Trần Văn Sơn", "Vũ Hải Đăng", "Hoàng Thu Trang"];
const VI_COUNTRIES: &[&str] = &["Việt Nam", "Lào", "Campuchia", "Nga", "Ấn Độ", "Nhật Bản", "Belarus", "Cuba"];

const RU: &[&str] = &[
    "Президент {P} посетил {C} с официальным визитом {D} {M} {Y} года.",
    "Министр иностранных дел {P} провёл переговоры с послом {Q} о сотрудничестве в области энергетики и образования.",
    "{C} и {C2} подписали соглашение о безвизовом режиме и меморандум о сотрудничестве в сфере цифровой экономики.",
    "Товарооборот между странами в {Y} году достиг {N} млрд долларов, увеличившись на {K} процентов.",
    "Стороны договорились увеличить товарооборот до {N} млрд долларов к {Z} году.",
    "Премьер-министр {P} встретился с председателем парламента {Q} в Москве.",
    "{C} обязуется выделить {N} млн долларов на развитие образования и здравоохранения.",
    "В совместном заявлении {C} и {C2} выступили за мирное урегулирование споров на основе международного права.",
    "Посол {P} поблагодарил {Q} за поддержку и пригласил делегацию посетить {C} в удобное время.",
];
const RU_PEOPLE: &[&str] = &["Игорь Самойлов", "Анна Берестова", "Олег Вершинин", "Марина Лесникова", "Павел Туманов", "Елена Корсакова"];
const RU_COUNTRIES: &[&str] = &["Россия", "Вьетнам", "Белоруссия", "Индия", "Казахстан", "Лаос"];
const RU_MONTHS: &[&str] = &["января", "марта", "мая", "июня", "сентября", "ноября"];

/// A small deterministic generator (xorshift), so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A source of sentences for one language.
pub enum Sentences {
    /// Filled from this file's templates.
    Templates(Lang),
    /// Sentences read from articles.
    Read(Vec<String>),
}

impl Sentences {
    fn next(&self, rng: &mut Rng) -> String {
        match self {
            Sentences::Read(all) => all[rng.below(all.len() as u64) as usize].clone(),
            Sentences::Templates(lang) => fill(*lang, rng),
        }
    }
}

fn fill(lang: Lang, rng: &mut Rng) -> String {
    let (templates, people, countries, months) = match lang {
        Lang::Vi => (VI, VI_PEOPLE, VI_COUNTRIES, &["3", "5", "8", "11"][..]),
        Lang::Ru => (RU, RU_PEOPLE, RU_COUNTRIES, RU_MONTHS),
        _ => (EN, EN_PEOPLE, EN_COUNTRIES, EN_MONTHS),
    };
    let template = rng.pick(templates);
    let mut out = String::with_capacity(template.len() + 40);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("a closed slot");
        let value = match &rest[open + 1..close] {
            "P" | "Q" => rng.pick(people).to_string(),
            "C" | "C2" => rng.pick(countries).to_string(),
            "M" => rng.pick(months).to_string(),
            "D" => (1 + rng.below(14)).to_string(),
            "E" => (15 + rng.below(14)).to_string(),
            "N" => (2 + rng.below(40)).to_string(),
            "K" => (3 + rng.below(30)).to_string(),
            "Y" => (2015 + rng.below(10)).to_string(),
            "Z" => (2026 + rng.below(5)).to_string(),
            other => other.to_string(),
        };
        out.push_str(&value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A text of at least `bytes` bytes: sentences in paragraphs of four, or,
/// `stops` false, one line of sentences with their final stops removed.
pub fn generate(source: &Sentences, bytes: usize, stops: bool, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut text = String::with_capacity(bytes + 512);
    let mut n = 0;
    while text.len() < bytes {
        let s = source.next(&mut rng);
        if stops {
            if n > 0 {
                text.push_str(if n % 4 == 0 { "\n\n" } else { " " });
            }
            text.push_str(&s);
        } else {
            if n > 0 {
                text.push(' ');
            }
            text.extend(s.chars().filter(|c| !matches!(c, '.' | '!' | '?' | '…' | '\n')));
        }
        n += 1;
    }
    text
}

/// Thread CPU seconds of extracting and serialising each document.
fn cpu_seconds(docs: Vec<Document>) -> f64 {
    let t = super::bench::thread_cpu_seconds();
    let out: usize = docs.into_iter().map(|d| serde_json::to_vec(&accord_extract::document(d)).map_or(0, |v| v.len())).sum();
    std::hint::black_box(out);
    super::bench::thread_cpu_seconds() - t
}

/// Milliseconds of CPU per MB of input for documents of `size` bytes, over
/// at least `floor` bytes in all (small sizes are measured on several
/// documents).
fn ms_per_mb(source: &Sentences, size: usize, stops: bool, floor: usize) -> f64 {
    let count = floor.div_ceil(size).max(1);
    let docs: Vec<Document> =
        (0..count).map(|k| Document::from_text(format!("scaling-{size}-{k}"), generate(source, size, stops, k as u64 + 1))).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    cpu_seconds(docs) * 1e3 / (bytes as f64 / 1e6)
}

/// Parse "100k", "1m", "10m" (binary multiples, as 1 MB = 2^20 bytes here).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let s = s.trim().to_ascii_lowercase();
    let (num, mult) = match s.strip_suffix(['k', 'm']) {
        Some(n) if s.ends_with('k') => (n, 1 << 10),
        Some(n) => (n, 1 << 20),
        None => (s.as_str(), 1),
    };
    num.parse::<usize>().map(|n| n * mult).map_err(|e| format!("{s}: {e}"))
}

fn label(size: usize) -> String {
    if size >= 1 << 20 {
        format!("{} MB", size >> 20)
    } else {
        format!("{} KB", size >> 10)
    }
}

/// Sentences of the articles read, by language (sentences of at least 40 bytes).
pub fn read_sentences(docs: &[Document]) -> Vec<(Lang, Vec<String>)> {
    let mut by_lang: Vec<(Lang, Vec<String>)> = Lang::known().iter().map(|&l| (l, Vec::new())).collect();
    for d in docs {
        let lang = accord_lang::detect(d.body_text());
        let Some(slot) = by_lang.iter_mut().find(|(l, _)| *l == lang) else {
            continue;
        };
        for s in accord_text::sentences(&d.text, d.body, lang) {
            if s.len() >= 40 {
                slot.1.push(s.slice(&d.text).to_string());
            }
        }
    }
    by_lang.retain(|(_, v)| !v.is_empty());
    by_lang
}

/// Run the scaling table for the given languages and sizes.
pub fn run(langs: &[Lang], read: Option<Vec<(Lang, Vec<String>)>>, sizes: &[usize]) -> Result<ExitCode> {
    // Small sizes are repeated to at least 1 MB of input per cell.
    let floor = 1 << 20;
    let sources: Vec<(Lang, Sentences)> = match read {
        Some(read) => read.into_iter().filter(|(l, _)| langs.contains(l)).map(|(l, v)| (l, Sentences::Read(v))).collect(),
        None => langs.iter().map(|&l| (l, Sentences::Templates(l))).collect(),
    };
    // Load lexicons and automata before measuring.
    for (_, source) in &sources {
        cpu_seconds(vec![Document::from_text("warm", generate(source, 4 << 10, true, 99))]);
    }
    println!("scaling: CPU ms per MB of input (one thread, extraction and JSON), and the ratio to short articles");
    print!("{:<4} {:<22}", "lang", "input");
    for &s in sizes {
        print!(" {:>16}", label(s));
    }
    println!();
    let mut worst: f64 = 0.0;
    for (lang, source) in &sources {
        let short = ms_per_mb(source, 2 << 10, true, floor);
        println!("{:<4} {:<22} {:>16.1}", lang.code(), "short articles (2 KB)", short);
        for stops in [true, false] {
            print!("{:<4} {:<22}", lang.code(), if stops { "with stops" } else { "no stop, one line" });
            for &size in sizes {
                let ms = ms_per_mb(source, size, stops, floor);
                worst = worst.max(ms / short);
                print!(" {:>9.1} ({:>3.1}×)", ms, ms / short);
            }
            println!();
        }
    }
    println!("worst ratio to short articles: {worst:.2}× (goal: within 2×)");
    Ok(ExitCode::SUCCESS)
}
