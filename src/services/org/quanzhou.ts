/** The units of ../shared/docs/programme.md "Who is who" (金门县 is nominal and left out). */
export const QUANZHOU_CITY = '泉州市教育局';

export const QUANZHOU_DISTRICTS = [
  '鲤城区教育局', '丰泽区教育局', '洛江区教育局', '泉港区教育局', '石狮市教育局', '晋江市教育局', '南安市教育局',
  '惠安县教育局', '安溪县教育局', '永春县教育局', '德化县教育局', '泉州开发区教育局', '泉州台商投资区教育局',
];
