using Mono.Cecil;

namespace EmrCat.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which, read from its IL with Mono.Cecil: signatures, base types, attributes,
/// generic arguments and every type, method and field a method body touches (what reflection cannot see).
/// </summary>
internal static class NamespaceDependencies
{
    public static Dictionary<string, HashSet<string>> Read(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            string from = NamespaceOf(type);
            if (from.Length == 0 || IsGenerated(type)) continue; // <Module>, <PrivateImplementationDetails>, source generators' own classes
            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in UsedTypes(type).Where(t => t is not null).SelectMany(Expand))
            {
                if (!ReferenceEquals(used.Scope, module) || IsGenerated(used.Resolve())) continue; // another assembly, or generated
                string to = NamespaceOf(used);
                if (to.Length > 0 && to != from) edges.Add(to);
            }
        }

        return graph;
    }

    /// <summary>Every cycle as its strongly connected component (Tarjan), each listed in ordinal order.</summary>
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        int next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (string to in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], index[to]);
                }
            }

            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }

        foreach (string node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node)) Visit(node);
        }

        return cycles;
    }

    /// <summary>Whether a type (or the type it is nested in) was emitted whole by a source generator, e.g. the configuration binder's interceptors.</summary>
    private static bool IsGenerated(TypeDefinition? type)
    {
        for (; type is not null; type = type.DeclaringType)
        {
            if (type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.CodeDom.Compiler.GeneratedCodeAttribute")) return true;
        }

        return false;
    }

    private static string NamespaceOf(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type.Namespace;
    }

    private static IEnumerable<TypeReference> UsedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null) yield return type.BaseType;
        foreach (var i in type.Interfaces) yield return i.InterfaceType;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var p in type.GenericParameters.SelectMany(g => g.Constraints)) yield return p.ConstraintType;
        foreach (var f in type.Fields)
        {
            yield return f.FieldType;
            foreach (var a in f.CustomAttributes) yield return a.AttributeType;
        }

        foreach (var p in type.Properties)
        {
            yield return p.PropertyType;
            foreach (var a in p.CustomAttributes) yield return a.AttributeType;
        }

        foreach (var e in type.Events) yield return e.EventType;
        foreach (var m in type.Methods)
        {
            yield return m.ReturnType;
            foreach (var p in m.Parameters) yield return p.ParameterType;
            foreach (var a in m.CustomAttributes) yield return a.AttributeType;
            foreach (var c in m.GenericParameters.SelectMany(g => g.Constraints)) yield return c.ConstraintType;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) yield return v.VariableType;
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        yield return t;
                        break;
                    case MethodReference method:
                        yield return method.DeclaringType;
                        yield return method.ReturnType;
                        foreach (var p in method.Parameters) yield return p.ParameterType;
                        if (method is GenericInstanceMethod generic)
                        {
                            foreach (var g in generic.GenericArguments) yield return g;
                        }

                        break;
                    case FieldReference field:
                        yield return field.DeclaringType;
                        yield return field.FieldType;
                        break;
                }
            }
        }
    }

    /// <summary>The types a type reference names: itself, the element of an array/pointer/by-ref, and generic arguments.</summary>
    public static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments.SelectMany(Expand)) yield return argument;
                break;
            case TypeSpecification specification:
                foreach (var inner in Expand(specification.ElementType)) yield return inner;
                break;
            default:
                yield return type;
                break;
        }
    }
}
