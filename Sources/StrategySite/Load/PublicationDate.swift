import Foundation

/// A publication date as precise as the source is: a year, a month or a day.
public struct PublicationDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Accepts `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; returns nil for anything else or an impossible
    /// date. There is no year 0 (1 BC is followed by AD 1), and feeds and `<time>` would carry
    /// `0000` as an invalid date, so it is refused too.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts[0].allSatisfy({ ("0"..."9").contains($0) }),
              let year = Int(parts[0]), year >= 1 else { return nil }
        var month: Int?
        var day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), let m = month,
                  (1...PublicationDate.days(inMonth: m, year: year)).contains(d) else { return nil }
            day = d
        }
        self.init(year: year, month: month, day: day)
    }

    /// The day a build runs, in UTC: the "accessed" date of its citations. `SOURCE_DATE_EPOCH`
    /// (seconds since 1970, the reproducible-builds convention) replaces the clock when set, so
    /// two builds of the same sources can be compared byte for byte.
    public static func buildDay(environment: [String: String] = ProcessInfo.processInfo.environment) -> PublicationDate {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) } ?? Date().timeIntervalSince1970
        return civilDay(daysSince1970: Int((seconds / 86_400).rounded(.down)))
    }

    /// The proleptic Gregorian day `days` after 1 January 1970, in plain arithmetic (the
    /// "days from civil" inverse of H. Hinnant's date algorithms): `serve` asks on every
    /// rebuild, and a Foundation calendar costs far more to set up than the answer.
    static func civilDay(daysSince1970 days: Int) -> PublicationDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return PublicationDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// As GOV.UK writes dates: "8 December 2010", "September 2017", "2008".
    public var description: String {
        guard let month else { return String(year) }
        let name = Self.monthNames[month - 1]
        guard let day else { return "\(name) \(year)" }
        return "\(day) \(name) \(year)"
    }

    /// For `<time datetime>` and feeds: as precise as known.
    public var iso: String {
        var text = String(year)
        if let month { text += "-" + String(month).leftPadded(to: 2) }
        if let day { text += "-" + String(day).leftPadded(to: 2) }
        return text
    }

    /// Fractional year for placing the date on a timeline (mid-period when imprecise).
    public var decimalYear: Double {
        let m = Double(month ?? 7) - 1
        let d = Double(day ?? (month == nil ? 1 : 15)) - 1
        return Double(year) + (m + d / 31) / 12
    }

    public static func < (a: PublicationDate, b: PublicationDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }
}
