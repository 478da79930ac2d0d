/// English words too common to say what a section is about. They are not indexed and not
/// required in a query (nor marked in an excerpt), but they keep their place in the count of
/// words, so "published in July" is still a phrase of three words.
///
/// Negations ("not", "no") are not in the list: they change what a sentence says.
/// `Templates/assets/search.js` reads the list from the search manifest, so it is written once.
public enum StopWords {
    public static let english: Set<String> = [
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but",
        "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "here", "his",
        "how", "i", "if", "in", "into", "is", "it", "it's", "its", "may", "me", "more", "most", "must", "my", "of", "on",
        "or", "other", "our", "ours", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "up",
        "upon", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "would", "you", "your",
    ]

    public static func contains(_ word: String) -> Bool { english.contains(word) }
}
