"""Reads a class of a generated cdktf/cdktn Python bindings module with Python's own parser.

Usage: python3 python-bindings.py <__init__.py> <ClassName>

Prints JSON: the class's __init__ keyword-only arguments, each with its annotation and its
default (null when it has none, that is when it is required), and the return annotation of each
of its properties. Nothing is imported, so neither jsii nor cdktf needs to be installed.
"""

import ast
import json
import sys


def main(path: str, class_name: str) -> None:
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), filename=path)
    cls = next(
        (node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == class_name),
        None,
    )
    if cls is None:
        sys.exit(f"{path} defines no class {class_name}")
    init = next(
        (node for node in cls.body if isinstance(node, ast.FunctionDef) and node.name == "__init__"),
        None,
    )
    if init is None:
        sys.exit(f"{class_name} has no __init__")
    arguments = {
        arg.arg: {
            "annotation": ast.unparse(arg.annotation) if arg.annotation else None,
            "default": None if default is None else ast.unparse(default),
        }
        for arg, default in zip(init.args.kwonlyargs, init.args.kw_defaults)
    }
    properties = {
        node.name: ast.unparse(node.returns) if node.returns else None
        for node in cls.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(d) == "builtins.property" for d in node.decorator_list)
    }
    json.dump({"arguments": arguments, "properties": properties}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
