namespace EmrCat.Server.Api;

/// <summary>Start a session.</summary>
/// <param name="Preset"><c>quick</c> (15–20 scored + 5 pilot items, 20 min) or <c>emr</c> (60–80 scored + 30 pilot, 1 h 45 min).</param>
/// <param name="Seed">Seed for a reproducible run; random when absent.</param>
public sealed record StartRequest(string? Preset, ulong? Seed);

/// <summary>A started session: its id and the token every later request must carry as <c>Authorization: Bearer …</c>.</summary>
public sealed record StartResponse(string SessionId, string Token, string Preset, ulong Seed, int MinItems, int MaxItems, double? TimeLimitSeconds);

/// <summary>An option as the candidate sees it.</summary>
public sealed record OptionView(string Id, string Text);

/// <summary>
/// The item to answer, with nothing that gives the answer away: no key, no rationale, no pilot flag, no parameters.
/// <see cref="Type"/> is <c>single</c> (answer with one option id), <c>multiple</c> (select all that apply: the chosen
/// option ids) or <c>ordered</c> (every option id, first to last). The answer to it carries <see cref="CurrentView.Seq"/>.
/// </summary>
public sealed record ItemView(int Position, string ItemId, string Domain, string Type, string Stem, IReadOnlyList<OptionView> Options);

/// <summary>Where a session stands: the current item, or that it has ended (and by which rule).</summary>
public sealed record CurrentView(string SessionId, int Seq, int Answered, int MinItems, int MaxItems, double? RemainingSeconds, bool Finished, string? EndedBy, ItemView? Item);

/// <summary>
/// An answer: its sequence number (answers so far + 1), the item it answers and the chosen option: <c>OptionId</c> for a
/// single-answer item, <c>OptionIds</c> for a select-all item (the selection) or an ordering item (every option, in order).
/// </summary>
public sealed record AnswerRequest(int Seq, string? ItemId, string? OptionId, IReadOnlyList<string>? OptionIds);

/// <summary>
/// What became of answer <see cref="Seq"/>: counted (or not, when the time limit had passed), and whether the session
/// ended with it. A retried identical request receives exactly this again.
/// </summary>
public sealed record AnswerOutcome(int Seq, bool Counted, bool Finished, string? EndedBy);

/// <summary>One blueprint domain's result.</summary>
public sealed record DomainView(string Id, string Name, string Level, int Correct, int Total);

/// <summary>The result of a finished session.</summary>
public sealed record ResultView(
    string Decision, string Reason, string Explanation, int ReportedScore, double ScaledScore, double PassingScore, double MinimumScore, double MaximumScore,
    double Theta, double StandardError, int ScoredCount, int ScoredCorrect, int PilotCount, double ElapsedSeconds, IReadOnlyList<DomainView> Domains);

/// <summary>A missed scored item in the error log, with the best answer and why.</summary>
public sealed record MissView(string ItemId, string Domain, string Stem, IReadOnlyList<string> YourAnswer, IReadOnlyList<string> BestAnswer, string Rationale,
    string Bucket, string Evidence, double Cost, bool TimedOut);

/// <summary>One action of the repair plan.</summary>
public sealed record RepairView(string Bucket, string Title, string Diagnosis, IReadOnlyList<string> Steps, IReadOnlyList<string> KeyFacts, int Misses, double Cost);

/// <summary>The score report: the result, the error log of scored misses and the repair plan.</summary>
public sealed record ReportView(ResultView Result, IReadOnlyList<MissView> ErrorLog, IReadOnlyList<RepairView> RepairPlan);
