using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmrCat.Server.Api;

namespace EmrCat.Server.Tests;

/// <summary>A test candidate: the HTTP calls a client makes, with its session's token.</summary>
public sealed class Candidate
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Candidate(StartResponse started) => Started = started;

    public StartResponse Started { get; }

    public string Id => Started.SessionId;

    public static async Task<Candidate> StartAsync(HttpClient client, string preset = "quick", ulong? seed = 7)
    {
        using var response = await client.PostAsJsonAsync("/api/sessions", new StartRequest(preset, seed));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new Candidate((await response.Content.ReadFromJsonAsync<StartResponse>(Json))!);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, $"/api/sessions/{Id}/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Started.Token);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return request;
    }

    public async Task<CurrentView> CurrentAsync(HttpClient client)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, "item"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CurrentView>(Json))!;
    }

    public async Task<(HttpStatusCode Status, string Body, bool Repeated)> AnswerAsync(HttpClient client, int seq, string itemId, string optionId)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Post, "answers", new AnswerRequest(seq, itemId, optionId, null)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("EmrCat-Repeated"));
    }

    /// <summary>
    /// A valid answer to <paramref name="item"/> as the API shows it, built around <paramref name="optionId"/>: that option
    /// for a single-answer item, a selection of just that option for a select-all item, and for an ordering item that option
    /// first with the others after it as shown. Tests answer whatever type a seeded run presents.
    /// </summary>
    public static IReadOnlyList<string> AnswerFor(ItemView item, string optionId) => item.Type switch
    {
        "single" or "multiple" => [optionId],
        "ordered" => [optionId, .. item.Options.Select(o => o.Id).Where(id => id != optionId)],
        _ => throw new InvalidOperationException($"Item type '{item.Type}' is not one the API documents."),
    };

    /// <summary>Answers <paramref name="item"/> with <see cref="AnswerFor"/>: <c>optionId</c> for a single-answer item, <c>optionIds</c> otherwise.</summary>
    public Task<(HttpStatusCode Status, string Body, bool Repeated)> AnswerAsync(HttpClient client, int seq, ItemView item, string optionId) =>
        item.Type == "single" ? AnswerAsync(client, seq, item.ItemId, optionId) : AnswerAsync(client, seq, item.ItemId, AnswerFor(item, optionId));

    /// <summary>Sends the option ids as <c>optionIds</c> (a selection or an order).</summary>
    public async Task<(HttpStatusCode Status, string Body, bool Repeated)> AnswerAsync(HttpClient client, int seq, string itemId, IReadOnlyList<string> optionIds)
    {
        using var response = await client.SendAsync(Request(HttpMethod.Post, "answers", new AnswerRequest(seq, itemId, null, optionIds)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("EmrCat-Repeated"));
    }

    /// <summary>
    /// Answers until the session ends, each item with <see cref="AnswerFor"/> around the option <paramref name="choose"/>
    /// picks; returns the items and picked options in order.
    /// </summary>
    public async Task<List<(string ItemId, string Option)>> RunToEndAsync(Func<int, HttpClient> clientFor, Func<ItemView, string> choose)
    {
        var given = new List<(string, string)>();
        for (int request = 0; ; request++)
        {
            var current = await CurrentAsync(clientFor(request));
            if (current.Finished) return given;
            string option = choose(current.Item!);
            var (status, body, _) = await AnswerAsync(clientFor(request + 1), current.Seq, current.Item!, option);
            Assert.True(status == HttpStatusCode.OK, $"answer {current.Seq}: {status} {body}");
            given.Add((current.Item!.ItemId, option));
        }
    }
}
