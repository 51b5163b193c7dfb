using System.Collections.Frozen;
using EmrCat.Internal;
using EmrCat.Irt;
using EmrCat.Scoring;

namespace EmrCat.Banks;

/// <summary>
/// A validated, immutable item bank: metadata, reporting scale, blueprint, enemy groups and items. One instance can
/// be shared by any number of concurrent sessions. Build it with <see cref="Create"/>, <see cref="FromParameters"/>
/// or the JSON loader (<see cref="EmrCat.IO.ItemBankJson"/>); every path validates and reports all problems at once.
/// </summary>
public sealed class ItemBank
{
    private readonly FrozenDictionary<string, int> _indexById;

    private ItemBank(BankMetadata metadata, ReportingScale scale, Blueprint blueprint, IReadOnlyList<BankItem> items, IReadOnlyList<EnemyGroup> enemyGroups, IrtMetric metric)
    {
        Metadata = metadata;
        Scale = scale;
        Blueprint = blueprint;
        Items = items;
        EnemyGroups = enemyGroups;
        Metric = metric;
        _indexById = items.Select((item, i) => KeyValuePair.Create(item.Id, i)).ToFrozenDictionary(StringComparer.Ordinal);
        Columns = new ItemColumns(this);
        _fingerprint = new Lazy<string>(ComputeFingerprint);
    }

    private string ComputeFingerprint()
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Metric.ScalingConstant:R}|{Scale}|");
        foreach (var d in Blueprint.Domains) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{d.Id}:{d.MinShare:R}:{d.MaxShare:R}|");
        foreach (var item in Items)
        {
            var p = item.Parameters;
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{item.Id}\u001f{item.Domain}\u001f{item.Status}\u001f{item.Type}\u001f{string.Join(",", item.Key)}\u001f{p.A:R}\u001f{p.B:R}\u001f{p.C:R}\u001f{p.D:R}\u001f{string.Join(",", item.EnemyGroups)}");

            // Partial-credit items add their model, thresholds and scoring rule; right/wrong items keep the fingerprints they had.
            if (p.IsPolytomous || item.Scoring != ScoringRule.AllOrNothing)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\u001f{p.Model}\u001f{string.Join(",", p.Thresholds.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}\u001f{item.Scoring}");
            }

            // Only when given, so banks without typical times keep their fingerprint; with effort-moderated scoring a time moves θ̂.
            if (item.TypicalSeconds is { } typical) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\u001ft{typical:R}");
            text.Append('\u001e');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Id, title, version, language and calibration status.</summary>
    public BankMetadata Metadata { get; }

    /// <summary>The reporting scale (cut θ, 950, 100–1500, slope).</summary>
    public ReportingScale Scale { get; }

    /// <summary>The content blueprint (may be empty).</summary>
    public Blueprint Blueprint { get; }

    /// <summary>The items, in bank order; an item's position is its index everywhere in the engine.</summary>
    public IReadOnlyList<BankItem> Items { get; }

    /// <summary>Declared enemy groups.</summary>
    public IReadOnlyList<EnemyGroup> EnemyGroups { get; }

    /// <summary>The logistic metric of the parameters.</summary>
    public IrtMetric Metric { get; }

    /// <summary>Number of items.</summary>
    public int Count => Items.Count;

    /// <summary>Struct-of-arrays copy of what the hot path reads.</summary>
    internal ItemColumns Columns { get; }

    /// <summary>SHA-256 (hex) of everything that affects selection and scoring: ids, domains, status, keys, parameters (with the model, steps or thresholds and scoring rule of partial-credit items), enemy groups, blueprint, scale, metric.</summary>
    public string Fingerprint => _fingerprint.Value;

    private readonly Lazy<string> _fingerprint;

    /// <summary>The index of the item with <paramref name="id"/>.</summary>
    /// <param name="id">Item id.</param>
    /// <param name="index">Its index when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetIndex(string id, out int index) => _indexById.TryGetValue(id, out index);

    /// <summary>Builds a bank, validating everything (see <see cref="BankValidator"/>).</summary>
    /// <param name="metadata">Metadata.</param>
    /// <param name="scale">Reporting scale.</param>
    /// <param name="blueprint">Blueprint; <see cref="Blueprint.None"/> for none.</param>
    /// <param name="items">Items.</param>
    /// <param name="enemyGroups">Declared enemy groups, or null for none.</param>
    /// <param name="metric">Metric; default logistic.</param>
    /// <param name="validation">
    /// Capacity to check for, e.g. <see cref="BankValidationOptions.Emr"/>; default (null) is
    /// <see cref="BankValidationOptions.ConsistencyOnly"/>, so small banks built in code need no pilot items.
    /// </param>
    /// <returns>The bank.</returns>
    /// <exception cref="BankValidationException">Any problem; all are listed and nothing is built.</exception>
    /// <exception cref="ArgumentException"><paramref name="validation"/> is invalid.</exception>
    public static ItemBank Create(
        BankMetadata metadata,
        ReportingScale scale,
        Blueprint blueprint,
        IEnumerable<BankItem> items,
        IEnumerable<EnemyGroup>? enemyGroups = null,
        IrtMetric metric = default,
        BankValidationOptions? validation = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(blueprint);
        ArgumentNullException.ThrowIfNull(items);
        // Read-only copies: the caller's collections may change later, and readers cannot cast these back to arrays.
        var itemList = ReadOnly.Copy(items);
        var groupList = ReadOnly.Copy(enemyGroups ?? []);
        var problems = BankValidator.Validate(scale, blueprint, itemList, groupList, validation ?? BankValidationOptions.ConsistencyOnly);
        if (problems.Count > 0) throw new BankValidationException(metadata.Id, problems);
        return new ItemBank(metadata, scale, blueprint, itemList, groupList, metric);
    }

    /// <summary>
    /// A simulation bank from a parameter table: no blueprint, every item scored, placeholder content (simulated
    /// examinees answer by probability, never by reading): two options for a 1–4PL item; for a GRM/GPCM/PCM item a
    /// select-all item with K − 1 right options and one wrong, scored right minus wrong.
    /// </summary>
    /// <param name="id">Bank id (e.g. the file name).</param>
    /// <param name="items">The calibrated items.</param>
    /// <param name="scale">Reporting scale; default EMR.</param>
    /// <returns>The bank.</returns>
    /// <exception cref="BankValidationException">Duplicate or empty ids.</exception>
    public static ItemBank FromParameters(string id, IEnumerable<CalibratedItem> items, ReportingScale? scale = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var bankItems = items.Select(i => i.Parameters.IsPolytomous
            ? new BankItem
            {
                // A polytomous item as select-all with K − 1 right options and one wrong, scored right minus wrong.
                Id = i.Id,
                Domain = "all",
                Type = ItemType.Multiple,
                Scoring = ScoringRule.RightMinusWrong,
                Stem = $"Simulation item {i.Id}",
                Options = [.. Enumerable.Range(1, i.Parameters.Categories - 1).Select(k => new ItemOption($"R{k}", $"Right {k}")), new ItemOption("W", "Wrong")],
                Key = [.. Enumerable.Range(1, i.Parameters.Categories - 1).Select(k => $"R{k}")],
                Parameters = i.Parameters,
            }
            : new BankItem
            {
                Id = i.Id,
                Domain = "all",
                Stem = $"Simulation item {i.Id}",
                Options = [new ItemOption("A", "Right"), new ItemOption("B", "Wrong")],
                Key = ["A"],
                Parameters = i.Parameters,
            });
        return Create(new BankMetadata(id, id, "1", "und", CalibrationStatus.Calibrated), scale ?? ReportingScale.Emr, Blueprint.None, bankItems);
    }
}

/// <summary>
/// The columns the CAT step reads, as parallel arrays (struct of arrays): parameters, domain index, pilot flag and
/// enemy lookup per item. Built once per bank and shared read-only by every session.
/// </summary>
/// <remarks>
/// Enemy lookup: giving item i makes unavailable every item in <c>EnemyGroupMembers[EnemyGroupIndex[i]]</c> (when the
/// index is not -1). That list is item i's exclusion set, the union of the members of all its enemy groups, built here
/// so that several groups per item cost the session nothing, and so that the rule "a pilot item never keeps a scored
/// item out" lives in one place: a pilot's set holds only pilot items; a scored item's set holds every member.
/// Items with the same set share one list.
/// </remarks>
internal sealed class ItemColumns
{
    public ItemColumns(ItemBank bank)
    {
        int n = bank.Count;
        A = new double[n];
        B = new double[n];
        C = new double[n];
        D = new double[n];
        DomainIndex = new int[n];
        IsPilot = new bool[n];
        EnemyGroupIndex = new int[n];
        var groups = bank.EnemyGroups.Select((g, i) => (g.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var members = new List<int>[bank.EnemyGroups.Count];
        for (int g = 0; g < members.Length; g++) members[g] = [];
        for (int i = 0; i < n; i++)
        {
            var item = bank.Items[i];
            A[i] = item.Parameters.A;
            B[i] = item.Parameters.B;
            C[i] = item.Parameters.C;
            D[i] = item.Parameters.D;
            int domain = -1;
            for (int d = 0; d < bank.Blueprint.Domains.Count; d++)
            {
                if (bank.Blueprint.Domains[d].Id == item.Domain) domain = d;
            }

            DomainIndex[i] = domain;
            IsPilot[i] = item.Status == ItemStatus.Pilot;
            foreach (string g in item.EnemyGroups)
            {
                if (groups.TryGetValue(g, out int gi) && !members[gi].Contains(i)) members[gi].Add(i);
            }
        }

        var sets = new List<int[]>();
        var setIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var excluded = new SortedSet<int>();
            foreach (string g in bank.Items[i].EnemyGroups)
            {
                if (!groups.TryGetValue(g, out int gi)) continue;
                foreach (int member in members[gi])
                {
                    if (member != i && (!IsPilot[i] || IsPilot[member])) excluded.Add(member);
                }
            }

            if (excluded.Count == 0)
            {
                EnemyGroupIndex[i] = -1;
                continue;
            }

            string key = string.Join(",", excluded);
            if (!setIndex.TryGetValue(key, out int index))
            {
                index = sets.Count;
                setIndex[key] = index;
                sets.Add([.. excluded]);
            }

            EnemyGroupIndex[i] = index;
        }

        Parameters = bank.Items.Select(i => i.Parameters).ToArray();
        Polytomous = Parameters.Select(p => p.IsPolytomous).ToArray();
        EnemyGroupMembers = [.. sets];
        PilotCount = IsPilot.Count(p => p);
    }

    /// <summary>The exclusion sets: bank indices of the items that giving an item makes unavailable (see the remarks).</summary>
    public int[][] EnemyGroupMembers { get; }

    /// <summary>Number of pilot items in the bank.</summary>
    public int PilotCount { get; }

    public double[] A { get; }

    public double[] B { get; }

    public double[] C { get; }

    public double[] D { get; }

    /// <summary>Index into the blueprint's domains, or -1 when the bank has no blueprint.</summary>
    public int[] DomainIndex { get; }

    public bool[] IsPilot { get; }

    /// <summary>Index into <see cref="EnemyGroupMembers"/> of the item's exclusion set, or -1 when giving it excludes nothing.</summary>
    public int[] EnemyGroupIndex { get; }

    /// <summary>The parameters as values, for the estimators.</summary>
    public ItemParameters[] Parameters { get; }

    /// <summary>Per item: whether it is GRM/GPCM/PCM (its information comes from the category kernel, not A..D).</summary>
    public bool[] Polytomous { get; }

    /// <summary>Fisher information of item <paramref name="i"/> at θ: the one kernel every selector reads.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Information(int i, double theta, double scaling) => Polytomous[i]
        ? CategoryTerms.Information(Parameters[i], theta, scaling)
        : ResponseTerms.At(A[i], B[i], C[i], D[i], theta, scaling).Information;

    public int Count => A.Length;
}
