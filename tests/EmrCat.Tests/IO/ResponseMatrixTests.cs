using EmrCat.IO;
using EmrCat.Sessions;
using EmrCat.Tests.Fixtures;
using EmrCat.Tests.Sessions;

namespace EmrCat.Tests.IO;

public class ResponseMatrixTests
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "X1", "X2", "X3" };

    [Fact]
    public void Parse_RRowNameColumn_ReadsExamineeIds()
    {
        var matrix = ResponseMatrix.Parse("r.csv", "\"\",\"X1\",\"X2\"\n\"1\",1,NA\n\"2\",0,1\n", Known);
        Assert.Equal(["1", "2"], matrix.Examinees);
        Assert.Equal([true, null, false, true], new[] { matrix[0, 0], matrix[0, 1], matrix[1, 0], matrix[1, 1] });
    }

    [Fact]
    public void ToCsv_ReadsBackAsTheSameMatrix()
    {
        var matrix = ResponseMatrix.Parse("r.csv", "examinee,X1,X2,X3\n\"S,1\",1,,0\nS2,0,1,NA\n", Known);

        var back = ResponseMatrix.Parse("back.csv", matrix.ToCsv(), Known);

        Assert.Equal(matrix.Examinees, back.Examinees);
        Assert.Equal(matrix.ItemIds, back.ItemIds);
        for (int r = 0; r < 2; r++)
        {
            for (int c = 0; c < 3; c++) Assert.Equal(matrix[r, c], back[r, c]);
        }
    }

    [Fact]
    public void FromResults_SimulatedSessions_HoldEveryScoredAnswerAndNoPilot()
    {
        var bank = TestBanks.Emr;
        var options = CatOptions.Quick;
        var results = new[] { 1UL, 2UL }.Select(seed => KeyValuePair.Create($"E{seed}", Finished(bank, options, seed, 0.3))).ToArray();

        var matrix = ResponseMatrix.FromResults(results);

        Assert.Equal(["E1", "E2"], matrix.Examinees);
        for (int r = 0; r < results.Length; r++)
        {
            var scored = results[r].Value.Items.Where(i => !i.IsPilot).ToList();
            Assert.Equal(scored.Count, Enumerable.Range(0, matrix.ItemIds.Count).Count(c => matrix[r, c] is not null));
            foreach (var item in scored) Assert.Equal(item.Correct, matrix[r, matrix.ItemIds.ToList().IndexOf(item.ItemId)]);
        }

        Assert.DoesNotContain(matrix.ItemIds, id => bank.Items[Index(bank, id)].Status == EmrCat.Banks.ItemStatus.Pilot);
        Assert.Contains(ResponseMatrix.FromResults(results, includePilotItems: true).ItemIds, id => bank.Items[Index(bank, id)].Status == EmrCat.Banks.ItemStatus.Pilot);
    }

    [Fact]
    public void FromResults_RepeatedExaminee_IsRefused()
    {
        var result = Finished(TestBanks.Emr, CatOptions.Quick, 1, 0);
        Assert.Throws<ArgumentException>(() => ResponseMatrix.FromResults([KeyValuePair.Create("E", result), KeyValuePair.Create("E", result)]));
    }

    [Fact]
    public void Load_Stream_ReadsTheCatRFixture()
    {
        var known = ItemParameterTable.Load(FixturePaths.CatR("params.csv")).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        using var stream = File.OpenRead(FixturePaths.CatR("responses.csv"));

        var matrix = ResponseMatrix.Load(stream, "responses.csv", known);

        Assert.Equal(ResponseMatrix.Load(FixturePaths.CatR("responses.csv"), known).Examinees, matrix.Examinees);
    }

    private static SessionResult Finished(EmrCat.Banks.ItemBank bank, CatOptions options, ulong seed, double theta)
    {
        var session = CatSession.Start(bank, options, seed);
        SessionDriver.Run(session, theta, (int)seed);
        return session.Result;
    }

    private static int Index(EmrCat.Banks.ItemBank bank, string id) => bank.TryGetIndex(id, out int index) ? index : throw new KeyNotFoundException(id);
}
