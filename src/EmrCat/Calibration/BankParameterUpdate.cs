using System.Globalization;
using System.Text;
using System.Text.Json;
using EmrCat.Banks;

namespace EmrCat.Calibration;

/// <summary>What <see cref="BankParameterUpdate.Apply"/> changed.</summary>
/// <param name="Json">The updated bank text.</param>
/// <param name="Updated">Items whose IRT parameters were replaced.</param>
/// <param name="Promoted">Pilot items promoted to scored.</param>
/// <param name="NotInBank">Table rows whose item the bank does not have (left alone).</param>
/// <param name="MarkedCalibrated">Whether the bank's <c>calibration</c> became <c>"calibrated"</c> (every scored item now has estimates).</param>
public sealed record BankUpdateOutcome(string Json, IReadOnlyList<string> Updated, IReadOnlyList<string> Promoted, IReadOnlyList<string> NotInBank, bool MarkedCalibrated);

/// <summary>
/// Writes calibrated parameters into a JSON bank by editing only the values that change — each item's <c>irt</c>
/// numbers and model, a promoted pilot's <c>status</c>, the bank's <c>calibration</c> — so every other byte of the
/// file (order, spacing, text, comments-free formatting) stays as it was. The result is checked by the bank loader
/// before it is returned, so a bank is never half-updated.
/// </summary>
public static class BankParameterUpdate
{
    /// <summary>Applies a calibration table to bank text.</summary>
    /// <param name="source">The bank's file name, for messages.</param>
    /// <param name="json">The bank text.</param>
    /// <param name="rows">Calibrated items (rows marked fixed are skipped: they were not estimated).</param>
    /// <param name="promoteMinResponses">Promote pilot items whose estimate rests on at least this many responses; null to promote none.</param>
    /// <returns>The new text and what changed.</returns>
    /// <exception cref="BankValidationException">The bank (before or after) is invalid.</exception>
    /// <exception cref="CalibrationInputException">A row is polytomous, or promotion is asked for without response counts.</exception>
    public static BankUpdateOutcome Apply(string source, string json, IReadOnlyList<CalibrationTableRow> rows, int? promoteMinResponses)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(rows);
        var bank = ItemBankJson.Parse(source, json, BankValidationOptions.ConsistencyOnly);
        var estimates = new Dictionary<string, CalibrationTableRow>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !r.Fixed))
        {
            if (!row.Parameters.IsDichotomous) throw new CalibrationInputException(row.Id, $"A {row.Parameters.Model} item cannot go into a bank of dichotomous items.");
            if (promoteMinResponses is not null && row.Responses is null) throw new CalibrationInputException(row.Id, "Promotion needs the 'n' column (responses per item) that calibrate writes.");
            estimates[row.Id] = row;
        }

        bool bom = json.Length > 0 && json[0] == '\uFEFF';
        byte[] bytes = Encoding.UTF8.GetBytes(bom ? json[1..] : json);
        var edits = new List<(int Start, int End, string Text)>();
        var updated = new List<string>();
        var promoted = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        (int Start, int End)? calibration = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        reader.Read(); // the bank object
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "calibration" && reader.TokenType == JsonTokenType.String)
            {
                calibration = ((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
            }
            else if (name == "items" && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) ReadItem(ref reader, bytes, estimates, promoteMinResponses, edits, updated, promoted, seen);
            }
            else
            {
                reader.Skip();
            }
        }

        // The bank is calibrated when every item that will be scored now carries estimates.
        var scoredAfter = bank.Items.Where(i => i.Status == ItemStatus.Scored || promoted.Contains(i.Id)).Select(i => i.Id);
        bool allCalibrated = scoredAfter.All(updated.Contains);
        bool marked = false;
        if (allCalibrated && calibration is { } span && Encoding.UTF8.GetString(bytes, span.Start, span.End - span.Start) != "\"calibrated\"")
        {
            edits.Add((span.Start, span.End, "\"calibrated\""));
            marked = true;
        }

        edits.Sort((x, y) => x.Start.CompareTo(y.Start));
        var output = new StringBuilder(json.Length + 64);
        if (bom) output.Append('\uFEFF');
        int at = 0;
        foreach (var (start, end, text) in edits)
        {
            output.Append(Encoding.UTF8.GetString(bytes, at, start - at)).Append(text);
            at = end;
        }

        output.Append(Encoding.UTF8.GetString(bytes, at, bytes.Length - at));
        string result = output.ToString();
        ItemBankJson.Parse(source, result, BankValidationOptions.ConsistencyOnly); // never hand back a bank the loader refuses
        var notInBank = estimates.Keys.Where(id => !seen.Contains(id)).ToList();
        return new BankUpdateOutcome(result, updated, promoted, notInBank, marked);
    }

    private static void ReadItem(
        ref Utf8JsonReader reader,
        byte[] bytes,
        Dictionary<string, CalibrationTableRow> estimates,
        int? promoteMinResponses,
        List<(int Start, int End, string Text)> edits,
        List<string> updated,
        List<string> promoted,
        HashSet<string> seen)
    {
        string? id = null;
        (int Start, int End)? status = null;
        var irt = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal);
        int irtClose = -1;
        string separator = ", ";
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "id" when reader.TokenType == JsonTokenType.String:
                    id = reader.GetString();
                    break;
                case "status" when reader.TokenType == JsonTokenType.String:
                    status = ((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
                    break;
                case "irt" when reader.TokenType == JsonTokenType.StartObject:
                    int previousEnd = -1;
                    int count = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        int nameStart = (int)reader.TokenStartIndex;
                        if (count == 1) separator = Encoding.UTF8.GetString(bytes, previousEnd, nameStart - previousEnd); // e.g. ",\n        "
                        string field = reader.GetString()!;
                        reader.Read();
                        reader.Skip();
                        previousEnd = (int)reader.BytesConsumed;
                        irt[field] = ((int)reader.TokenStartIndex, previousEnd);
                        count++;
                    }

                    irtClose = previousEnd; // insert new fields after the last value
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (id is null) return;
        seen.Add(id);
        if (!estimates.TryGetValue(id, out var row)) return;
        var p = row.Parameters;
        string model = p.C > 0 ? "3PL" : p.A == 1 ? "1PL" : "2PL";
        var values = new (string Field, string Text, double? Number)[]
        {
            ("model", $"\"{model}\"", null),
            ("a", Format(p.A), p.A),
            ("b", Format(p.Locations[0]), p.Locations[0]),
            ("c", Format(p.C), p.C),
            ("d", Format(p.D), p.D),
        };
        var inserts = new StringBuilder();
        foreach (var (field, text, number) in values)
        {
            if (irt.TryGetValue(field, out var span))
            {
                string old = Encoding.UTF8.GetString(bytes, span.Start, span.End - span.Start);
                bool same = number is double v
                    ? double.TryParse(old, NumberStyles.Float, CultureInfo.InvariantCulture, out double was) && was == double.Parse(text, CultureInfo.InvariantCulture)
                    : old == text;
                if (!same) edits.Add((span.Start, span.End, text));
            }
            else if (field == "c" && p.C != 0 || field == "d" && p.D != 1)
            {
                inserts.Append(separator).Append('"').Append(field).Append("\": ").Append(text);
            }
        }

        if (inserts.Length > 0 && irtClose >= 0) edits.Add((irtClose, irtClose, inserts.ToString()));
        updated.Add(id);
        if (promoteMinResponses is int minimum && status is { } st && row.Responses >= minimum
            && Encoding.UTF8.GetString(bytes, st.Start, st.End - st.Start) == "\"pilot\"")
        {
            edits.Add((st.Start, st.End, "\"scored\""));
            promoted.Add(id);
        }
    }

    private static string Format(double value) => value.ToString("0.0###", CultureInfo.InvariantCulture);
}
